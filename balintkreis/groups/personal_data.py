"""Memberships, applications, the interest list and contact messages of one
person (core/personal_data.py composes all apps)."""

import datetime

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts import personal_data as accounts_personal_data
from balintkreis.accounts.models import User
from balintkreis.core import dates
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import (
    Application,
    BalintGroup,
    Inquiry,
    InterestListEntry,
    Membership,
)


class StillLeading(RuleError):
    pass


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return dates.local_iso(value)


def export(user: User) -> dict:
    return {
        "memberships": [
            {
                "group": m.group.title,
                "started_on": _iso(m.started_on),
                "ended_on": _iso(m.ended_on),
                "end_reason": m.end_reason,
            }
            for m in Membership.objects.filter(user=user).select_related("group")
        ],
        "applications": [
            {
                "group": a.group.title,
                "status": a.get_status_display(),
                "message": a.message,
                "received_at": _iso(a.created_at),
                "decided_at": _iso(a.decided_at),
                "decision_note": a.decision_note,
                "entry_on": _iso(a.entry_on),
                "confidentiality_version": a.confidentiality_version,
            }
            for a in Application.objects.filter(user=user).select_related("group")
        ],
        "interest_list": [
            {
                "region": e.get_region_display(),
                "format": e.get_format_display(),
                "note": e.note,
                "registered_at": _iso(e.created_at),
                "removed_at": _iso(e.ended_at),
            }
            for e in InterestListEntry.objects.filter(user=user)
        ],
        "contact_messages": [
            {
                "received_at": _iso(i.created_at),
                "name": i.name,
                "message": i.message,
                "answered_at": _iso(i.answered_at),
                "replies": [
                    {"sent_at": _iso(r.created_at), "message": r.body}
                    for r in i.replies.all()
                ],
            }
            for i in Inquiry.objects.filter(email__iexact=user.email)
        ],
    }


def erase(user: User) -> None:
    """Delete the person's memberships, applications, interest entries and
    contact messages. A place freed this way is offered to the waiting list
    by the daily ``groups.fill_free_places`` job."""
    if BalintGroup.objects.led_by(user).exists():
        raise StillLeading(
            _(
                "You still lead a group. Please ask the secretariat to hand it "
                "over before you delete your account."
            )
        )
    Application.objects.filter(user=user).delete()
    Membership.objects.filter(user=user).delete()
    InterestListEntry.objects.filter(user=user).delete()
    sent_by_person = Q(pk__in=[])
    for address in accounts_personal_data.addresses(user):
        sent_by_person |= Q(email__iexact=address)
    Inquiry.objects.filter(sent_by_person).delete()


def purge_expired(*, now: datetime.datetime) -> int:
    """Contact messages go one year after they were answered (R11)."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_INQUIRY_DAYS)
    deleted, _rows = Inquiry.objects.filter(
        status=Inquiry.Status.ANSWERED, answered_at__lt=cutoff
    ).delete()
    return deleted
