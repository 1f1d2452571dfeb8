"""Places, the waiting list and offers of freed places.

The invariant of the whole registration: active members plus open offers
(applications waiting for a decision and places offered from the list) never
exceed the group's capacity. Every rule that changes one of these numbers
first locks the group row with ``lock`` inside its transaction, so the count
it reads cannot change before it commits, on any number of app servers.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit, pagecache
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.groups import offers
from balintkreis.groups.models import Application, BalintGroup, Membership
from balintkreis.notifications import outbox

ACCEPTING = (BalintGroup.Status.OPEN, BalintGroup.Status.FORMING)


class NotOnWaitingList(RuleError):
    def __init__(self) -> None:
        super().__init__(_("This person is no longer on the waiting list."))


class InvalidPosition(RuleError):
    def __init__(self, length: int) -> None:
        super().__init__(
            _("Please choose a position between 1 and %(length)d.") % {"length": length}
        )


def lock(group: BalintGroup) -> BalintGroup:
    """Lock and reload the group row; call inside ``transaction.atomic()``.

    Every writer of places goes through here, so writers of one group queue
    up (PostgreSQL row lock; SQLite serialises writers with IMMEDIATE). Public
    pages show free places, so their cache is dropped once the change commits.
    """
    transaction.on_commit(pagecache.invalidate)
    locked: BalintGroup = BalintGroup.objects.select_for_update().get(pk=group.pk)
    return locked


def free_places(group: BalintGroup, *, on: datetime.date | None = None) -> int:
    """The same count the catalogue shows (``with_free_places``), in one query."""
    places: int = (
        BalintGroup.objects.with_free_places(on=on)
        .values_list("free_places", flat=True)
        .get(pk=group.pk)
    )
    return places


def has_waiting(group: BalintGroup) -> bool:
    return group.applications.waiting().exists()


def position(application: Application) -> int | None:
    """1 for the first in line; None when not waiting."""
    if application.status != Application.Status.WAITING:
        return None
    ahead = (
        Application.objects.waiting()
        .filter(group_id=application.group_id)
        .filter(
            Q(waiting_rank__lt=application.waiting_rank)
            | Q(waiting_rank=application.waiting_rank, pk__lt=application.pk)
        )
        .count()
    )
    return ahead + 1


def next_rank(group: BalintGroup) -> int:
    last = group.applications.waiting().aggregate(last=Max("waiting_rank"))["last"]
    return (last or 0) + 1


def offer_free_places(
    group: BalintGroup, *, now: datetime.datetime | None = None
) -> list[Application]:
    """Offer every free place to the next people in line, in order.

    The caller holds the group lock (``lock``). Offers are valid for
    ``OFFER_VALID_DAYS`` days and go out by e-mail with accept/decline links.
    """
    now = now or timezone.now()
    if group.status not in ACCEPTING:
        return []
    free = free_places(group, on=timezone.localdate(now))
    if free <= 0:
        return []
    offered = list(group.applications.waiting()[:free])
    for application in offered:
        application.status = Application.Status.OFFERED
        application.waiting_rank = None
        application.offered_at = now
        application.offer_expires_at = now + datetime.timedelta(
            days=settings.OFFER_VALID_DAYS
        )
        application.save()
        audit.record(None, "groups.offer.made", application)
        outbox.enqueue(
            to=application.user,
            template="groups/email/offer",
            key=f"groups.offer:{application.pk}",
            context={
                "group": group,
                "application": application,
                **offers.offer_links(application),
            },
            carries_secret=True,
        )
    return offered


def move(
    application: Application, *, to_position: int, reason: str, actor: User
) -> Application:
    """Move a waiting person to another position; the reason is audit-logged."""
    with transaction.atomic():
        group = lock(application.group)
        entries = list(group.applications.waiting())
        current = next((a for a in entries if a.pk == application.pk), None)
        if current is None:
            raise NotOnWaitingList
        if not 1 <= to_position <= len(entries):
            raise InvalidPosition(len(entries))
        from_position = entries.index(current) + 1
        entries.remove(current)
        entries.insert(to_position - 1, current)
        for rank, entry in enumerate(entries, start=1):
            if entry.waiting_rank != rank:
                Application.objects.filter(pk=entry.pk).update(waiting_rank=rank)
        audit.record(
            actor,
            "groups.waiting_list.moved",
            current,
            data={"from": from_position, "to": to_position, "reason": reason},
        )
        current.refresh_from_db()
    return current


def expire_offers(*, now: datetime.datetime | None = None) -> int:
    """Close offers whose time ran out and pass each place on to the next."""
    now = now or timezone.now()
    due = Application.objects.filter(
        status=Application.Status.OFFERED, offer_expires_at__lte=now
    ).values_list("pk", flat=True)
    return sum(expire_offer(pk, now=now) for pk in list(due))


def expire_offer(application_id: int, *, now: datetime.datetime) -> bool:
    """Expire one offer if it is still open and due; True when it expired now."""
    with transaction.atomic():
        group_id = Application.objects.values_list("group_id", flat=True).get(
            pk=application_id
        )
        group = lock(BalintGroup(pk=group_id))
        application = Application.objects.select_related("user").get(pk=application_id)
        if application.status != Application.Status.OFFERED or not (
            application.offer_is_expired(now)
        ):
            return False
        application.status = Application.Status.EXPIRED
        application.closed_at = now
        application.save()
        audit.record(None, "groups.offer.expired", application)
        outbox.enqueue(
            to=application.user,
            template="groups/email/offer_expired",
            key=f"groups.offer_expired:{application.pk}",
            context={
                "group": group,
                "application": application,
                "apply_url": absolute_url("groups:apply", group.slug),
            },
        )
        offer_free_places(group, now=now)
    return True


def remind_expiring_offers(*, now: datetime.datetime | None = None) -> int:
    """Send "your offer expires soon" once per offer, ``OFFER_REMINDER_HOURS`` ahead."""
    now = now or timezone.now()
    soon = now + datetime.timedelta(hours=settings.OFFER_REMINDER_HOURS)
    due = Application.objects.filter(
        status=Application.Status.OFFERED,
        offer_reminded_at__isnull=True,
        offer_expires_at__gt=now,
        offer_expires_at__lte=soon,
    ).select_related("user", "group")
    sent = 0
    for application in due:
        with transaction.atomic():
            # The conditional update claims the reminder: two workers, one mail.
            claimed = Application.objects.filter(
                pk=application.pk,
                status=Application.Status.OFFERED,
                offer_reminded_at__isnull=True,
            ).update(offer_reminded_at=now)
            if claimed != 1:
                continue
            outbox.enqueue(
                to=application.user,
                template="groups/email/offer_reminder",
                key=f"groups.offer_reminder:{application.pk}",
                context={
                    "group": application.group,
                    "application": application,
                    **offers.offer_links(application),
                },
                carries_secret=True,
            )
            sent += 1
    return sent


def fill_free_places(*, now: datetime.datetime | None = None) -> int:
    """Offer places that became free by date (a leave date reached, a group
    reopened); run daily by the scheduler."""
    now = now or timezone.now()
    group_ids = (
        BalintGroup.objects.filter(status__in=ACCEPTING)
        .filter(applications__status=Application.Status.WAITING)
        .values_list("pk", flat=True)
        .distinct()
    )
    offered = 0
    for group_id in list(group_ids):
        with transaction.atomic():
            group = lock(BalintGroup(pk=group_id))
            offered += len(offer_free_places(group, now=now))
    return offered


def open_membership(group: BalintGroup, user: User) -> Membership | None:
    today = timezone.localdate()
    return group.memberships.filter(user=user).not_ended_on(today).first()
