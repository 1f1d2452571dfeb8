"""Path converters for free-form URL parts (codes, tokens, numbers).

Django's ``str`` converter lets control characters through; a NUL byte then
reaches the database, and PostgreSQL refuses text with NUL (a DataError,
issue 11 item 14). ``text`` is ``str`` without control characters: such a
path does not match and is answered with the German 404 page.
"""


class TextConverter:
    regex = "[^/\\x00-\\x1f\\x7f]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
