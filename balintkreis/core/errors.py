"""Errors raised by rules. Views turn them into a German message for the person."""

from django_stubs_ext import StrOrPromise


class RuleError(Exception):
    """A rule refused to act; ``message`` is translatable text for the user."""

    def __init__(self, message: StrOrPromise) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)
