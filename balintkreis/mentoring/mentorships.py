"""Ending a mentorship with a short closing feedback (DOMAIN.md R9)."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.mentoring.models import Mentorship
from balintkreis.notifications import outbox


class MentorshipError(RuleError):
    pass


def end(
    mentorship: Mentorship,
    *,
    by: User,
    feedback: str,
    today: datetime.date | None = None,
) -> Mentorship:
    """End a running mentorship; the other person gets an e-mail.

    The closing feedback stays with the pair (not shown to the secretariat).
    """
    with transaction.atomic():
        mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
        if not mentorship.is_running:
            raise MentorshipError(_("This mentorship has already ended."))
        mentorship.status = Mentorship.Status.ENDED
        mentorship.ended_on = today or timezone.localdate()
        mentorship.ended_by = by
        mentorship.closing_feedback = feedback
        mentorship.save(
            update_fields=["status", "ended_on", "ended_by", "closing_feedback"]
        )
        audit.record(by, "mentoring.mentorship.ended", mentorship)
        other = mentorship.other(by)
        outbox.enqueue(
            to=other,
            template="mentoring/email/mentorship_ended",
            key=f"mentoring.mentorship.{mentorship.pk}.ended.{other.pk}",
            context={
                "mentorship": mentorship,
                "other": by,
                "url": absolute_url("mentoring:mentorship-detail", mentorship.pk),
            },
        )
    return mentorship
