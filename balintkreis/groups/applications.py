"""Applying for a group, the leader's decision, withdrawing, and answering
an offer. Places are counted and locked in waiting_list.py."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts import consent
from balintkreis.accounts.models import Consent, User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.groups import fees, memberships, waiting_list
from balintkreis.groups.models import Application, BalintGroup, Membership
from balintkreis.notifications import outbox


class GroupPaused(RuleError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "This group is taking a break and does not accept applications at "
                "the moment. Please choose another group or join the interest list."
            )
        )


class GroupClosed(RuleError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "This group is closed and no longer accepts applications. Please "
                "choose another group or join the interest list."
            )
        )


class AlreadyApplied(RuleError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "You have already applied for this group. You can see the state of "
                "your application under “My groups”."
            )
        )


class AlreadyMember(RuleError):
    def __init__(self) -> None:
        super().__init__(_("You are already a member of this group."))


class LeadsGroup(RuleError):
    def __init__(self) -> None:
        super().__init__(_("You lead this group and cannot apply for it."))


class NotPending(RuleError):
    def __init__(self) -> None:
        super().__init__(_("This application has already been decided or withdrawn."))


class NotOpen(RuleError):
    def __init__(self) -> None:
        super().__init__(_("This application is already closed."))


class OfferNotOpen(RuleError):
    def __init__(self) -> None:
        super().__init__(_("This offer has already been answered."))


class OfferExpired(RuleError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "This offer has expired and the place has gone to the next person "
                "on the waiting list."
            )
        )


def apply(
    group: BalintGroup,
    *,
    user: User,
    message: str,
    now: datetime.datetime | None = None,
) -> Application:
    """Apply for ``group``, accepting its confidentiality agreement (R11).

    With a free place and nobody waiting the application holds that place
    until the leader decides (or becomes a membership at once when the group
    accepts automatically); otherwise it joins the end of the waiting list.
    Checked under the group lock, so a double click or 50 people at the same
    moment still give one application each and never more places than exist.
    """
    now = now or timezone.now()
    with transaction.atomic():
        group = waiting_list.lock(group)
        _check_may_apply(group, user)
        consent.record(
            user,
            kind=Consent.Kind.CONFIDENTIALITY,
            version=settings.CONFIDENTIALITY_VERSION,
        )
        application = Application(
            group=group,
            user=user,
            message=message,
            confidentiality_version=settings.CONFIDENTIALITY_VERSION,
        )
        place_free = waiting_list.free_places(
            group, on=timezone.localdate(now)
        ) > 0 and not waiting_list.has_waiting(group)
        if place_free and group.accepts_automatically:
            return _accept_automatically(application, now=now)
        if place_free:
            application.status = Application.Status.PENDING
        else:
            application.status = Application.Status.WAITING
            application.waiting_rank = waiting_list.next_rank(group)
        application.full_clean()
        application.save()
        audit.record(
            user,
            "groups.application.created",
            application,
            data={"status": application.status},
        )
        _notify_received(application)
        if application.status == Application.Status.WAITING:
            waiting_list.offer_free_places(group, now=now)
    return application


def _check_may_apply(group: BalintGroup, user: User) -> None:
    if group.status == BalintGroup.Status.PAUSED:
        raise GroupPaused
    if group.status == BalintGroup.Status.CLOSED:
        raise GroupClosed
    if group.is_led_by(user):
        raise LeadsGroup
    if waiting_list.open_membership(group, user) is not None:
        raise AlreadyMember
    if group.applications.open().filter(user=user).exists():
        raise AlreadyApplied


def _notify_received(application: Application) -> None:
    group = application.group
    if application.status == Application.Status.WAITING:
        outbox.enqueue(
            to=application.user,
            template="groups/email/waiting",
            key=f"groups.waiting:{application.pk}",
            context={
                "my_groups_url": absolute_url("groups:my-groups"),
                "group": group,
                "application": application,
                "position": waiting_list.position(application),
            },
        )
        return
    outbox.enqueue(
        to=application.user,
        template="groups/email/application_received",
        key=f"groups.application_received:{application.pk}",
        context={
            "my_groups_url": absolute_url("groups:my-groups"),
            "group": group,
            "application": application,
        },
    )
    queue_url = absolute_url("groups:application-list", group.slug)
    for leader in group.leaders():
        outbox.enqueue(
            to=leader,
            template="groups/email/new_application",
            key=f"groups.new_application:{application.pk}:{leader.pk}",
            context={
                "group": group,
                "application": application,
                "queue_url": queue_url,
            },
        )


def _accept_automatically(
    application: Application, *, now: datetime.datetime
) -> Application:
    group = application.group
    entry_on = memberships.default_entry_on(group, today=timezone.localdate(now))
    application.status = Application.Status.ACCEPTED
    application.decided_at = now
    application.entry_on = entry_on
    application.membership = memberships.join(
        group, application.user, entry_on=entry_on
    )
    _record_fee(application, group, entry_on=entry_on)
    application.full_clean()
    application.save()
    audit.record(
        application.user, "groups.application.accepted_automatically", application
    )
    _notify_accepted(application)
    memberships.start_if_ready(group, actor=None)
    return application


def _record_fee(
    application: Application,
    group: BalintGroup,
    *,
    entry_on: datetime.date,
    remaining_sessions: int | None = None,
) -> None:
    """Record the pro-rated fee of a late entry (``fees.entry_fee``); the
    full term fee needs no record."""
    fee = fees.entry_fee(
        group, entry_on=entry_on, remaining_sessions=remaining_sessions
    )
    if fee is not None and fee.is_prorated:
        application.remaining_sessions = fee.sessions
        application.prorated_fee = fee.amount
    else:
        application.remaining_sessions = None
        application.prorated_fee = None


def _notify_accepted(application: Application) -> None:
    outbox.enqueue(
        to=application.user,
        template="groups/email/application_accepted",
        key=f"groups.application_accepted:{application.pk}",
        context={
            "my_groups_url": absolute_url("groups:my-groups"),
            "group": application.group,
            "application": application,
        },
    )


def accept(
    application: Application,
    *,
    actor: User,
    entry_on: datetime.date,
    note: str = "",
    remaining_sessions: int | None = None,
) -> Membership:
    """The leader or secretariat accepts a pending application: a membership
    from ``entry_on``. A late entry's fee is recorded (``fees.entry_fee``):
    counted from the planned meetings, or from ``remaining_sessions`` when
    the leader gives it."""
    with transaction.atomic():
        group = waiting_list.lock(application.group)
        application = Application.objects.select_related("user").get(pk=application.pk)
        if application.status != Application.Status.PENDING:
            raise NotPending
        application.membership = memberships.join(
            group, application.user, entry_on=entry_on
        )
        application.status = Application.Status.ACCEPTED
        application.decided_at = timezone.now()
        application.decided_by = actor
        application.decision_note = note
        application.entry_on = entry_on
        _record_fee(
            application,
            group,
            entry_on=entry_on,
            remaining_sessions=remaining_sessions,
        )
        application.save()
        audit.record(actor, "groups.application.accepted", application)
        _notify_accepted(application)
        memberships.start_if_ready(group, actor=actor)
    return application.membership


def decline(application: Application, *, actor: User, reason: str) -> Application:
    """Decline a pending or waiting application with a reason the applicant
    reads; a place it held goes to the next person waiting."""
    with transaction.atomic():
        group = waiting_list.lock(application.group)
        application = Application.objects.select_related("user").get(pk=application.pk)
        if application.status not in (
            Application.Status.PENDING,
            Application.Status.WAITING,
        ):
            raise NotPending
        application.status = Application.Status.DECLINED
        application.waiting_rank = None
        application.decided_at = application.closed_at = timezone.now()
        application.decided_by = actor
        application.decision_note = reason
        application.save()
        audit.record(actor, "groups.application.declined", application)
        outbox.enqueue(
            to=application.user,
            template="groups/email/application_declined",
            key=f"groups.application_declined:{application.pk}",
            context={
                "group": group,
                "application": application,
            },
        )
        waiting_list.offer_free_places(group)
    return application


def withdraw(application: Application, *, user: User) -> Application:
    """The applicant withdraws; a place it held goes to the next in line."""
    with transaction.atomic():
        group = waiting_list.lock(application.group)
        application = Application.objects.get(pk=application.pk)
        if not application.is_open:
            raise NotOpen
        application.status = Application.Status.WITHDRAWN
        application.waiting_rank = None
        application.closed_at = timezone.now()
        application.save()
        audit.record(user, "groups.application.withdrawn", application)
        waiting_list.offer_free_places(group)
    return application


def accept_offer(
    application: Application, *, now: datetime.datetime | None = None
) -> Membership:
    """The applicant takes the offered place: a membership from the next
    entry date. An offer past its time is expired first (then OfferExpired)."""
    now = now or timezone.now()
    _expire_if_due(application, now=now)
    with transaction.atomic():
        group = waiting_list.lock(application.group)
        application = Application.objects.select_related("user").get(pk=application.pk)
        _check_offer_open(application, now=now)
        entry_on = memberships.default_entry_on(group, today=timezone.localdate(now))
        application.membership = memberships.join(
            group, application.user, entry_on=entry_on
        )
        application.status = Application.Status.ACCEPTED
        application.decided_at = now
        application.entry_on = entry_on
        _record_fee(application, group, entry_on=entry_on)
        application.save()
        audit.record(application.user, "groups.offer.accepted", application)
        _notify_accepted(application)
        memberships.start_if_ready(group, actor=application.user)
    return application.membership


def decline_offer(
    application: Application, *, now: datetime.datetime | None = None
) -> Application:
    """The applicant turns the offer down; the place goes to the next in line."""
    now = now or timezone.now()
    _expire_if_due(application, now=now)
    with transaction.atomic():
        group = waiting_list.lock(application.group)
        application = Application.objects.get(pk=application.pk)
        _check_offer_open(application, now=now)
        application.status = Application.Status.OFFER_DECLINED
        application.closed_at = now
        application.save()
        audit.record(application.user, "groups.offer.declined", application)
        waiting_list.offer_free_places(group, now=now)
    return application


def _check_offer_open(application: Application, *, now: datetime.datetime) -> None:
    if application.status == Application.Status.EXPIRED or (
        application.status == Application.Status.OFFERED
        and application.offer_is_expired(now)
    ):
        raise OfferExpired
    if application.status != Application.Status.OFFERED:
        raise OfferNotOpen


def _expire_if_due(application: Application, *, now: datetime.datetime) -> None:
    """An offer past its time that the expiry job has not closed yet is
    expired now, in its own transaction, before the answer is refused."""
    if waiting_list.expire_offer(application.pk, now=now):
        raise OfferExpired
