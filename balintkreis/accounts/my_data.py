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
    "biography": _("Biography"),
    "browser": _("Browser"),
    "chamber_recognition": _("Recognition by the chamber"),
    "checked_at": _("Checked at"),
    "city": _("City"),
    "closing_feedback": _("Closing feedback"),
    "confidentiality_version": _("Confidentiality agreement (version)"),
    "confirmed_at": _("Confirmed at"),
    "dbg_number": _("DBG number"),
    "dbg_recognised_on": _("Recognised by the DBG on"),
    "decided_at": _("Decided at"),
    "decision_note": _("Note on the decision"),
    "decline_reason": _("Reason for declining"),
    "double_sessions": _("Double sessions"),
    "duration_minutes": _("Duration (minutes)"),
    "end_reason": _("Reason for ending"),
    "ended_on": _("Ended on"),
    "entry_on": _("Entry date"),
    "first_joined_at": _("First joined at"),
    "format": _("Format"),
    "held_by_group": _("Held by the group"),
    "held_by_leadership": _("Held by the group leader"),
    "held_on": _("Held on"),
    "is_balint_ifa": _("Balint-IFA leader"),
    "is_free": _("Free of charge"),
    "is_listed": _("Listed in the directory"),
    "issued_at": _("Issued at"),
    "kind": _("Kind"),
    "left_at": _("Left at"),
    "meeting_starts_at": _("Meeting starts at"),
    "mentee": _("Mentee"),
    "mentor": _("Mentor"),
    "mode": _("Attendance mode"),
    "note": _("Note"),
    "number": _("Number"),
    "object_type": _("Object"),
    "period_from": _("Period from"),
    "period_until": _("Period until"),
    "points": _("Points"),
    "primary": _("Primary address"),
    "qualification": _("Qualification"),
    "received_at": _("Received at"),
    "region": _("Region"),
    "registered_at": _("Registered at"),
    "rejoins": _("Rejoins"),
    "removed_at": _("Removed at"),
    "revoked_at": _("Revoked at"),
    "scope": _("Area"),
    "sent_at": _("Sent at"),
    "situation": _("Situation"),
    "started_on": _("Started on"),
    "subject": _("Subject"),
    "submitted_at": _("Submitted at"),
    "text": _("Text"),
    "verdict": _("Result"),
    "verified": _("Verified"),
    "what_helped": _("What helped"),
    "what_was_hard": _("What was hard"),
    "years_leading": _("Years of leading groups"),
    "note_to_the_leader": _("Note to the group leader"),
    "video_server_reachable": _("Video server reachable"),
    "video_connection_route": _("Video connection route"),
    "technical_contact": _("Technical contact"),
    "record": _("Balint record"),
    "outside_entries": _("Entries from outside the platform"),
    "chosen_targets": _("Chosen targets"),
    "leader_name": _("Group leader"),
    "leader_recognition": _("Recognition of the group leader"),
    "organiser": _("Organiser"),
    "vnr": _("VNR"),
    "rejection_reason": _("Reason for rejection"),
    "scan": _("Scanned certificate"),
    "target": _("Target"),
    "training_started_on": _("Start of the leader training"),
    "chosen_at": _("Chosen at"),
    # billing
    "billing": _("Invoices and billing"),
    "billing_address": _("Billing address"),
    "fee_agreements": _("Fee agreements"),
    "invoices": _("Invoices"),
    "organisation": _("Practice or clinic"),
    "street": _("Street and number"),
    "postal_code": _("Postal code"),
    "country": _("Country"),
    "invoice_email": _("E-mail address for invoices"),
    "buyer_reference": _("Buyer reference"),
    "vat_id": _("VAT ID"),
    "reduction_percent": _("Reduction (%)"),
    "amount": _("Amount"),
    "agreed_on": _("Agreed on"),
    "issued_on": _("Invoice date"),
    "recipient_name": _("Recipient"),
    "recipient_address": _("Address on the invoice"),
    "net": _("Net amount"),
    "vat": _("VAT"),
    "gross": _("Gross amount"),
    # payments
    "payments": _("Payments"),
    "invoice": _("Invoice"),
    "paid_on": _("Paid on"),
    "method": _("Payment method"),
    "payment_reminders": _("Payment reminders"),
    "stage": _("Reminder stage"),
    "sepa_mandates": _("SEPA direct debit mandates"),
    "reference": _("Mandate reference"),
    "account_holder": _("Account holder"),
    "iban": _("IBAN"),
    "bic": _("BIC"),
    "signed_on": _("Signed on"),
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
