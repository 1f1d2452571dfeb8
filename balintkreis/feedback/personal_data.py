"""Presenters' feedback and leaders' private notes of one person
(core/personal_data.py composes all apps).

Votes: only THAT the person voted (PollVoter) is linked to them; the ballot
is not, so no ballot is ever exported.
"""

import datetime

from django.conf import settings

from balintkreis.accounts.models import User
from balintkreis.core import dates
from balintkreis.feedback.models import LeaderNote, PollVoter, PresenterFeedback


def _iso(value: datetime.datetime | None) -> str | None:
    return dates.local_iso(value)


def export(user: User) -> dict:
    feedback = PresenterFeedback.objects.filter(presenter=user).select_related(
        "meeting__group"
    )
    notes = LeaderNote.objects.filter(author=user).select_related("meeting__group")
    voted = PollVoter.objects.filter(user=user).select_related("poll")
    return {
        "presenter_feedback": [
            {
                "group": f.meeting.group.title,
                "meeting_starts_at": _iso(f.meeting.starts_at),
                "held_by_group": f.held_by_group,
                "held_by_leadership": f.held_by_leadership,
                "what_helped": f.what_helped,
                "what_was_hard": f.what_was_hard,
                "submitted_at": _iso(f.submitted_at),
            }
            for f in feedback
        ],
        "private_notes": [
            {
                "group": n.meeting.group.title,
                "meeting_starts_at": _iso(n.meeting.starts_at),
                "text": n.text,
            }
            for n in notes
        ],
        "voted_in": [v.poll.question for v in voted],
    }


def erase(user: User) -> None:
    PresenterFeedback.objects.filter(presenter=user).delete()
    LeaderNote.objects.filter(author=user).delete()
    # The ballots stay: they are anonymous and count in the group's result.
    PollVoter.objects.filter(user=user).delete()


def purge_expired(*, now: datetime.datetime) -> int:
    """Evaluations are kept one year (R11, SLÄK): presenters' feedback goes
    RETENTION_FEEDBACK_DAYS after the meeting."""
    cutoff = now - datetime.timedelta(days=settings.RETENTION_FEEDBACK_DAYS)
    deleted, _rows = PresenterFeedback.objects.filter(
        meeting__starts_at__lt=cutoff
    ).delete()
    return deleted
