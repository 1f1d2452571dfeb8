"""Formal German for allauth messages that allauth's catalogue words with "du".

Listing the exact msgids here lets makemessages put them into our catalogue,
which wins over allauth's because accounts comes first in INSTALLED_APPS.
"""

from django.utils.translation import gettext_noop

MESSAGES = [
    gettext_noop("You must type the same password each time."),
    gettext_noop("You must type the same email each time."),
    gettext_noop("Please type your current password."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Your password has been changed."),
    gettext_noop("Your email address is still pending verification."),
]
