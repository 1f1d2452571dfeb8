"""What follows when the secretariat changes a group in the administration.

Public pages are cached for anonymous visitors (core/pagecache.py): every
change of a group drops that cache once it is committed, so a new fee, the
"on request" switch or a new status show at once. When the group's format
changes (in person, online, hybrid), its current and future members get an
e-mail (moving or cancelling a single meeting mails from meetings/schedule.py).
"""

from django.db import transaction
from django.utils import timezone

from balintkreis.core import audit, pagecache
from balintkreis.groups.models import BalintGroup
from balintkreis.notifications import outbox


def group_changed(group: BalintGroup, *, by: object, old_format: str = "") -> int:
    """Call after saving ``group``; returns the number of members told about
    a new format. ``old_format`` is the format before the change ("" for a
    new group)."""
    transaction.on_commit(pagecache.invalidate)
    if not old_format or old_format == group.format:
        return 0
    now = timezone.now()
    old_label = BalintGroup.Format(old_format).label
    members = (
        group.memberships.not_ended_on(timezone.localdate())
        .select_related("user")
        .order_by("pk")
    )
    told = 0
    for membership in members:
        outbox.enqueue(
            to=membership.user,
            template="groups/email/format_changed",
            context={"group": group, "old_format": old_label},
            key=(
                f"groups.format_changed.{group.pk}.{membership.user_id}."
                f"{group.format}.{now:%Y%m%d%H%M%S}"
            ),
        )
        told += 1
    audit.record(
        by,
        "groups.group.format_changed",
        group,
        data={"from": old_format, "to": group.format, "told": told},
    )
    return told
