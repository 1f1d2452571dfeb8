"""Presenter feedback: requested by the leader, written by the presenter,
read only by the group's leaders, every read audit-logged."""

import datetime

from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.core.models import AuditEvent
from balintkreis.feedback.models import PresenterFeedback
from balintkreis.feedback.permissions import is_leader_of, is_member_of
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting
from balintkreis.notifications import outbox

# The audit action of a leader's read; ``unread_by`` looks for it.
READ_ACTION = "feedback.presenter.read"


def request_feedback(
    meeting: Meeting,
    *,
    presenter: User,
    by: User,
    now: datetime.datetime | None = None,
) -> PresenterFeedback:
    """Name the member who presented; they get an e-mail with the form link."""
    now = now or timezone.now()
    if not is_member_of(presenter, meeting.group):
        raise RuleError(_("Only a member of the group can be asked for feedback."))
    if meeting.starts_at > now:
        raise RuleError(_("Feedback can be requested once the meeting has begun."))
    with transaction.atomic():
        feedback, created = PresenterFeedback.objects.get_or_create(
            meeting=meeting,
            presenter=presenter,
            defaults={"requested_by": by, "requested_at": now},
        )
        if not created:
            raise RuleError(_("This member has already been asked for feedback."))
        audit.record(by, "feedback.presenter.requested", feedback)
        outbox.enqueue(
            to=presenter,
            template="feedback/email/feedback_request",
            context={
                "name": presenter.display_name,
                "group": meeting.group.title,
                "date": timezone.localtime(meeting.starts_at).strftime("%d.%m.%Y"),
                "url": absolute_url("feedback:presenter-form", meeting.pk),
            },
            key=f"feedback-request-{feedback.pk}",
        )
    return feedback


def submit(
    feedback: PresenterFeedback,
    *,
    held_by_group: int,
    held_by_leadership: int,
    what_helped: str,
    what_was_hard: str,
    now: datetime.datetime | None = None,
) -> PresenterFeedback:
    """Store the presenter's answers once; they cannot be changed afterwards."""
    with transaction.atomic():
        locked = PresenterFeedback.objects.select_for_update().get(pk=feedback.pk)
        if locked.submitted_at is not None:
            raise RuleError(_("You have already sent your feedback. Thank you!"))
        locked.held_by_group = held_by_group
        locked.held_by_leadership = held_by_leadership
        locked.what_helped = what_helped
        locked.what_was_hard = what_was_hard
        locked.submitted_at = now or timezone.now()
        locked.full_clean()
        locked.save()
    return locked


def read_for_leader(meeting: Meeting, *, reader: User) -> list[PresenterFeedback]:
    """The feedback of one meeting for a leader of its group; each read is logged."""
    if not is_leader_of(reader, meeting.group):
        raise RuleError(_("Only the group's leaders may read presenter feedback."))
    rows = list(
        PresenterFeedback.objects.filter(meeting=meeting).select_related("presenter")
    )
    for row in rows:
        if row.submitted_at is not None:
            audit.record(reader, READ_ACTION, row)
    return rows


def unread_by(reader: User, *, groups: QuerySet[BalintGroup]) -> QuerySet:
    """Submitted feedback in ``groups`` that ``reader`` has not opened yet
    (no read of it by them in the audit log), newest first; for the leader's
    home. The caller passes the groups whose feedback the reader may read."""
    read = AuditEvent.objects.filter(
        actor=reader,
        action=READ_ACTION,
        object_type=PresenterFeedback._meta.label_lower,
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
    )
    return (
        PresenterFeedback.objects.filter(
            meeting__group__in=groups, submitted_at__isnull=False
        )
        .exclude(Exists(read))
        .order_by("-submitted_at")
    )
