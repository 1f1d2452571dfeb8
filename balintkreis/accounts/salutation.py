"""How a letter opens: the one rule for the salutation of every e-mail.

German letters open with "Sehr geehrte Frau Dr. Neumann," or "Sehr geehrter
Herr Dr. Weber,"; a person who gave no form of address ("keine Angabe") is
greeted "Guten Tag Dr. Neumann," (with a title) or "Guten Tag Alex Neumann,"
(without). English letters: "Dear Ms Neumann,", "Dear Dr Neumann,".

The salutation uses only the title that belongs in it ("Dr.", "Prof. Dr."),
not the faculty ("med.", "phil.") or a degree ("Dipl.-Psych.").

The outbox calls ``User.letter_salutation()`` for every mail to a person
(inside the recipient's language) and gives it to the templates as
``salutation``; mails to a bare address pass ``salutation_for_name(name)``.
"""

from django.utils import translation

FEMALE = "ms"
MALE = "mr"

# Faculty suffixes are dropped in a salutation: "Dr. med." -> "Dr.".
_FACULTIES = (" med. dent.", " med.", " phil.", " rer. nat.", " rer. medic.")
# Academic degrees are not used in a salutation at all.
_DEGREES = ("Dipl.-Psych.", "M.Sc.", "B.Sc.")


def salutation_title(title: str) -> str:
    """The part of an academic title used in a salutation, German style."""
    title = title.strip()
    if not title or title in _DEGREES:
        return ""
    for faculty in _FACULTIES:
        title = title.replace(faculty, "")
    return title


def _english_title(title: str) -> str:
    """German "Prof. Dr." -> "Professor", "Dr." -> "Dr" (British usage)."""
    if "Prof." in title:
        return "Professor"
    if "Dr." in title:
        return "Dr"
    return ""


def salutation(
    *,
    form: str,
    title: str,
    first_name: str,
    last_name: str,
    language: str | None = None,
) -> str:
    """The opening line of a letter, ending with a comma.

    ``form`` is FEMALE, MALE or "" (keine Angabe); ``language`` defaults to
    the active one.
    """
    language = (language or translation.get_language() or "de")[:2]
    title = salutation_title(title)
    if language == "en":
        return _english(form=form, title=title, first=first_name, last=last_name)
    return _german(form=form, title=title, first=first_name, last=last_name)


def _german(*, form: str, title: str, first: str, last: str) -> str:
    if not last:
        return "Guten Tag,"
    with_title = " ".join(p for p in (title, last) if p)
    if form == FEMALE:
        return f"Sehr geehrte Frau {with_title},"
    if form == MALE:
        return f"Sehr geehrter Herr {with_title},"
    if title:
        return f"Guten Tag {with_title},"
    return "Guten Tag " + " ".join(p for p in (first, last) if p) + ","


def _english(*, form: str, title: str, first: str, last: str) -> str:
    if not last:
        return "Hello,"
    english_title = _english_title(title)
    if english_title:
        return f"Dear {english_title} {last},"
    if form == FEMALE:
        return f"Dear Ms {last},"
    if form == MALE:
        return f"Dear Mr {last},"
    return "Dear " + " ".join(p for p in (first, last) if p) + ","


def salutation_for_name(name: str, *, language: str | None = None) -> str:
    """For a person known only by the name they typed (a contact message):
    no form of address is known, so "Guten Tag Mareike Osterloh,"."""
    first, _space, last = name.strip().rpartition(" ")
    return salutation(
        form="", title="", first_name=first, last_name=last, language=language
    )
