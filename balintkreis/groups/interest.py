"""The interest list: people who would join any suitable group in a region
and format. When enough of them wait, the secretariat hears about it so it can
start a new group (issue 3, item 7)."""

from typing import TypedDict

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.groups.models import BalintGroup, InterestListEntry
from balintkreis.notifications import outbox


class AlreadyInterested(RuleError):
    def __init__(self) -> None:
        super().__init__(
            _("You are already on the interest list for this region and format.")
        )


def register(
    user: User, *, region: str, format: str, note: str = ""
) -> InterestListEntry:
    """Put ``user`` on the interest list; at ``INTEREST_LIST_THRESHOLD``
    people (default 8) the secretariat gets one e-mail."""
    with transaction.atomic():
        if InterestListEntry.objects.filter(
            user=user, region=region, format=format, ended_at__isnull=True
        ).exists():
            raise AlreadyInterested
        entry = InterestListEntry(user=user, region=region, format=format, note=note)
        entry.full_clean()
        entry.save()
        audit.record(user, "groups.interest.registered", entry)
        waiting = InterestListEntry.objects.filter(
            region=region, format=format, ended_at__isnull=True
        ).count()
        if waiting == settings.INTEREST_LIST_THRESHOLD:
            outbox.enqueue(
                to=settings.SECRETARIAT_EMAIL,
                template="groups/email/interest_threshold",
                key=f"groups.interest_threshold:{region}:{format}:{entry.pk}",
                context={
                    "region": entry.get_region_display(),
                    "format": entry.get_format_display(),
                    "waiting": waiting,
                    "overview_url": absolute_url("groups:interest-overview"),
                },
            )
    return entry


def remove(entry: InterestListEntry, *, user: User) -> InterestListEntry:
    """Take an entry off the list (kept with its end time)."""
    InterestListEntry.objects.filter(pk=entry.pk, ended_at__isnull=True).update(
        ended_at=timezone.now()
    )
    audit.record(user, "groups.interest.removed", entry)
    entry.refresh_from_db()
    return entry


class InterestRow(TypedDict):
    """One line of the interest overview: labels, not codes."""

    region: str
    format: str
    waiting: int
    ready: bool


def overview() -> list[InterestRow]:
    """Waiting people per region and format, most first, with ``ready`` when
    enough wait to start a group and ``nationwide`` for "anywhere (online)"."""
    rows = (
        InterestListEntry.objects.filter(ended_at__isnull=True)
        .values("region", "format")
        .annotate(waiting=Count("pk"))
        .order_by("-waiting", "region", "format")
    )
    regions = dict(InterestListEntry.Region.choices)
    formats = dict(BalintGroup.Format.choices)
    return [
        {
            "region": regions.get(row["region"], row["region"]),
            "format": formats.get(row["format"], row["format"]),
            "nationwide": row["region"] == InterestListEntry.Region.NATIONWIDE,
            "waiting": row["waiting"],
            "ready": row["waiting"] >= settings.INTEREST_LIST_THRESHOLD,
        }
        for row in rows
    ]
