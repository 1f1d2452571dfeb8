"""Joining, leaving and the change of term (the fee for a late entry is
``fees.entry_fee``).

Leaving never deletes anything: the membership gets an end date and stays as
proof of attendance (DESIGN.md). A freed place goes to the waiting list.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.groups import waiting_list
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.notifications import outbox


class MembershipAlreadyEnded(RuleError):
    def __init__(self) -> None:
        super().__init__(_("This membership has already ended."))


class EndBeforeStart(RuleError):
    def __init__(self, started_on: datetime.date) -> None:
        super().__init__(
            _("The leaving date cannot be before the entry date (%(date)s).")
            % {"date": started_on.strftime("%d.%m.%Y")}
        )


def meeting_days(group: BalintGroup, *, today: datetime.date) -> list[datetime.date]:
    """The local days of the group's planned meetings from ``today`` on: the
    dates a new member can really start on."""
    starts = group.meetings.filter(
        is_cancelled=False, starts_at__date__gte=today
    ).values_list("starts_at", flat=True)
    return sorted({timezone.localdate(moment) for moment in starts})


def default_entry_on(group: BalintGroup, *, today: datetime.date) -> datetime.date:
    """The next entry date of the group; without one the day of its next
    planned meeting; today when nothing is planned."""
    upcoming = group.entry_dates.filter(starts_on__gte=today).first()
    if upcoming:
        return upcoming.starts_on
    days = meeting_days(group, today=today)
    return days[0] if days else today


def join(group: BalintGroup, user: User, *, entry_on: datetime.date) -> Membership:
    """Create the membership; the caller holds the group lock."""
    membership = Membership(group=group, user=user, started_on=entry_on)
    membership.full_clean()
    membership.save()
    return membership


def start_if_ready(group: BalintGroup, *, actor: User | None) -> bool:
    """A group "in Gründung" opens once it has its minimum size; the members
    hear that it starts. The caller holds the group lock."""
    if group.status != BalintGroup.Status.FORMING:
        return False
    members = list(
        group.memberships.filter(ended_on__isnull=True).select_related("user")
    )
    if len(members) < group.min_size:
        return False
    group.status = BalintGroup.Status.OPEN
    group.save(update_fields=["status"])
    audit.record(actor, "groups.group.started", group, data={"members": len(members)})
    for membership in members:
        outbox.enqueue(
            to=membership.user,
            template="groups/email/group_started",
            key=f"groups.group_started:{group.pk}:{membership.pk}",
            context={
                "my_groups_url": absolute_url("groups:my-groups"),
                "group": group,
                "membership": membership,
            },
        )
    return True


def end(
    membership: Membership, *, ended_on: datetime.date, reason: str, actor: User
) -> Membership:
    """End a membership on ``ended_on`` (the first day without the group).

    The member gets an e-mail; when the date has come the freed place is
    offered to the first person waiting at once, otherwise by the daily job.
    """
    with transaction.atomic():
        group = waiting_list.lock(membership.group)
        membership = Membership.objects.select_related("user").get(pk=membership.pk)
        if membership.ended_on is not None:
            raise MembershipAlreadyEnded
        if ended_on < membership.started_on:
            raise EndBeforeStart(membership.started_on)
        membership.ended_on = ended_on
        membership.end_reason = reason
        membership.save(update_fields=["ended_on", "end_reason"])
        audit.record(
            actor,
            "groups.membership.ended",
            membership,
            data={"ended_on": ended_on.isoformat(), "reason": reason},
        )
        outbox.enqueue(
            to=membership.user,
            template="groups/email/membership_ended",
            key=f"groups.membership_ended:{membership.pk}",
            context={
                "my_groups_url": absolute_url("groups:my-groups"),
                "group": group,
                "membership": membership,
            },
        )
        waiting_list.offer_free_places(group)
    return membership


def carry_over(
    group: BalintGroup,
    *,
    next_term_starts_on: datetime.date,
    continuing: set[int],
    actor: User,
) -> list[Membership]:
    """Start the next term in one step: everyone in ``continuing`` (membership
    ids) stays, the other active members leave on ``next_term_starts_on`` and
    their places go to the waiting list. Returns the ended memberships."""
    with transaction.atomic():
        group = waiting_list.lock(group)
        leaving = [
            membership
            for membership in group.memberships.filter(ended_on__isnull=True)
            if membership.pk not in continuing
        ]
        reason = str(_("did not continue into the next term"))
        ended = [
            end(
                m,
                ended_on=max(next_term_starts_on, m.started_on),
                reason=reason,
                actor=actor,
            )
            for m in leaving
        ]
        group.term_started_on = next_term_starts_on
        group.save(update_fields=["term_started_on"])
        audit.record(
            actor,
            "groups.term.carried_over",
            group,
            data={
                "starts_on": next_term_starts_on.isoformat(),
                "continuing": len(continuing),
                "leaving": len(ended),
            },
        )
    return ended
