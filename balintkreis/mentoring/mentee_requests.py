"""A mentee asks a mentor; the mentor accepts or declines (DOMAIN.md R9).

Capacity: a mentor has at most ``max_mentees`` running mentorships (mentoring
or supervision). Accepting locks the mentor profile, so two acceptances at the
same moment cannot overfill it.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.mentoring.models import (
    MentoringRequest,
    MentorProfile,
    Mentorship,
    Topic,
)
from balintkreis.notifications import outbox


class RequestError(RuleError):
    pass


def running_count(mentor: User) -> int:
    return Mentorship.objects.filter(
        mentor=mentor, status__in=Mentorship.RUNNING
    ).count()


def _email_both(request: MentoringRequest, template: str, event: str) -> None:
    context = {
        "request": request,
        "url": absolute_url("mentoring:request-detail", request.pk),
    }
    for user, role in ((request.mentor, "mentor"), (request.mentee, "mentee")):
        outbox.enqueue(
            to=user,
            template=f"mentoring/email/{template}",
            key=f"mentoring.request.{request.pk}.{event}.{user.pk}",
            context={**context, "is_mentor": role == "mentor"},
        )


def send(
    profile: MentorProfile,
    *,
    mentee: User,
    situation: str,
    topics: Iterable[Topic],
    message: str,
) -> MentoringRequest:
    """Create a pending request to a listed mentor with open places; e-mail both."""
    with transaction.atomic():
        profile = MentorProfile.objects.select_for_update().get(pk=profile.pk)
        if profile.user_id == mentee.pk:
            raise RequestError(_("You cannot ask yourself for mentoring."))
        if not profile.is_listed:
            raise RequestError(_("This mentor is no longer listed."))
        if profile.open_places(running_count(profile.user)) < 1:
            raise RequestError(
                _("This mentor is not taking new mentees at the moment.")
            )
        if MentoringRequest.objects.filter(
            mentee=mentee, mentor=profile.user, status=MentoringRequest.Status.PENDING
        ).exists():
            raise RequestError(_("You have already sent this mentor a request."))
        if Mentorship.objects.filter(
            mentee=mentee, mentor=profile.user, status__in=Mentorship.RUNNING
        ).exists():
            raise RequestError(_("You already have a mentorship with this mentor."))
        request = MentoringRequest(
            mentee=mentee, mentor=profile.user, situation=situation, message=message
        )
        request.full_clean()
        request.save()
        request.topics.set(topics)
        audit.record(mentee, "mentoring.request.sent", request)
        _email_both(request, "request_sent", "sent")
    return request


def _lock_pending(request: MentoringRequest) -> MentoringRequest:
    locked = MentoringRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != MentoringRequest.Status.PENDING:
        raise RequestError(_("This request has already been answered."))
    return locked


def accept(
    request: MentoringRequest, *, today: datetime.date | None = None
) -> Mentorship:
    """Start the mentorship if the mentor still has a free place; e-mail both."""
    with transaction.atomic():
        profile = MentorProfile.objects.select_for_update().get(user=request.mentor)
        request = _lock_pending(request)
        if profile.max_mentees - running_count(request.mentor) < 1:
            raise RequestError(
                _(
                    "You already accompany as many mentees as you offered. Raise "
                    "the number in your profile or decline the request."
                )
            )
        request.status = MentoringRequest.Status.ACCEPTED
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_at"])
        mentorship = Mentorship.objects.create(
            request=request,
            mentor=request.mentor,
            mentee=request.mentee,
            started_on=today or timezone.localdate(),
        )
        audit.record(request.mentor, "mentoring.request.accepted", request)
        _email_both(request, "request_accepted", "accepted")
    return mentorship


def decline(request: MentoringRequest, *, reason: str = "") -> MentoringRequest:
    """Decline a pending request, optionally with a reason; e-mail both."""
    with transaction.atomic():
        request = _lock_pending(request)
        request.status = MentoringRequest.Status.DECLINED
        request.decline_reason = reason
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decline_reason", "decided_at"])
        audit.record(request.mentor, "mentoring.request.declined", request)
        _email_both(request, "request_declined", "declined")
    return request


def withdraw(request: MentoringRequest) -> MentoringRequest:
    """The mentee takes back a pending request."""
    with transaction.atomic():
        request = _lock_pending(request)
        request.status = MentoringRequest.Status.WITHDRAWN
        request.decided_at = timezone.now()
        request.save(update_fields=["status", "decided_at"])
        audit.record(request.mentee, "mentoring.request.withdrawn", request)
    return request
