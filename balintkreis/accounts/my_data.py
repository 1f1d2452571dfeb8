"""'Meine Daten': the personal-data export as a readable page, and account
deletion with the password (issue 7). The data itself comes from
core/personal_data.py, which asks every app."""

import datetime
import re
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts import efn as efn_rules

# Labels for the keys of the export; keys not listed are shown as they are.
LABELS = {
    "accounts": _("Profile and account"),
    "notifications": _("E-mails to you"),
    "groups": _("Groups and applications"),
    "meetings": _("Meetings and attendance"),
    "online": _("Online meetings"),
    "feedback": _("Feedback"),
    "cme": _("Certificates and chamber reports"),
    "mentoring": _("Mentoring"),
    "activity": _("Your actions (audit log)"),
    "created_at": _("Created at"),
    "email": _("E-mail address"),
    "title": _("Title"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "profession": _("Profession"),
    "specialty": _("Specialty"),
    "chamber": _("Chamber"),
    "efn": _("EFN"),
    "phone": _("Phone"),
    "is_secretariat": _("Secretariat"),
    "form_of_address": _("Form of address"),
    "language": _("Language of e-mails"),
    "meeting_reminders": _("Reminder before each meeting"),
    "replies": _("Replies of the secretariat"),
    "joined_at": _("Registered at"),
    "last_login_at": _("Last log-in"),
    "leader_profile": _("Leader profile"),
    "consents": _("Consents"),
    "email_addresses": _("E-mail addresses"),
    "second_factors": _("Second factors"),
    "memberships": _("Memberships"),
    "applications": _("Applications"),
    "interest_list": _("Interest list"),
    "contact_messages": _("Contact messages"),
    "attendance": _("Attendance"),
    "case_presentations": _("Case presentations"),
    "calendar_feeds": _("Calendar subscriptions"),
    "certificates": _("Certificates"),
    "chamber_reports": _("Reports to the chamber"),
    "mentor_profile": _("Mentor profile"),
    "requests": _("Mentoring requests"),
    "mentorships": _("Mentorships"),
    "sessions": _("Sessions"),
    "emails": _("E-mails"),
    "presence": _("Presence in online meetings"),
    "techcheck": _("Technik-Check"),
    "presenter_feedback": _("Your feedback as presenter"),
    "private_notes": _("Your private notes"),
    "voted_in": _("Votes you took part in (your answer is anonymous)"),
    "group": _("Group"),
    "status": _("Status"),
    "message": _("Message"),
    "notes": _("Notes"),
    "theme": _("Theme"),
    "time": _("Time"),
    "action": _("Action"),
}

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T[\d:.]+([+-]\d{2}:\d{2}|Z)?)?$")


def readable(data: dict) -> list[dict]:
    """Sections of the page: {"title", "value"}, values as nodes the
    template renders recursively (dict, list or text)."""
    return [
        {"key": key, "title": _label(key), "value": _node(value, key=key)}
        for key, value in data.items()
        if key != "created_at"
    ]


def _label(key: str) -> str:
    return str(LABELS.get(key, key.replace("_", " ")))


def _node(value: Any, *, key: str = "") -> dict:
    if isinstance(value, dict):
        return {
            "kind": "dict",
            "items": [(_label(k), _node(v, key=k)) for k, v in value.items()],
        }
    if isinstance(value, list):
        return {"kind": "list", "items": [_node(v) for v in value]}
    return {"kind": "text", "text": _text(value, key=key)}


def _text(value: Any, *, key: str) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(_("yes") if value else _("no"))
    if key == "efn":
        # On screen shortened, like everywhere else; in full in the download.
        return efn_rules.mask(value)
    if isinstance(value, str) and ISO_DATE.match(value):
        return _date(value)
    return str(value)


def _date(value: str) -> str:
    if "T" not in value:
        return formats.date_format(datetime.date.fromisoformat(value), "d.m.Y")
    moment = timezone.localtime(datetime.datetime.fromisoformat(value))
    return formats.date_format(moment, "d.m.Y H:i")
