"""Mentor profile, requests and mentorships of one person
(core/personal_data.py composes all apps).

Both partners of a mentorship get its sessions with their notes in their
export: the notes are the pair's shared log, and both read them in the app.
When one partner deletes the account, the whole mentorship goes with it
(sessions, notes, supervision terms), also for the other partner.
"""

import datetime

from django.db.models import Q

from balintkreis.accounts.models import User
from balintkreis.core import dates
from balintkreis.mentoring.models import MentoringRequest, MentorProfile, Mentorship


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    return dates.local_iso(value)


def export(user: User) -> dict:
    profile = MentorProfile.objects.filter(user=user).first()
    requests = MentoringRequest.objects.filter(Q(mentee=user) | Q(mentor=user))
    mentorships = (
        Mentorship.objects.of(user)
        .select_related("mentor", "mentee")
        .prefetch_related("sessions")
    )
    return {
        "mentor_profile": _profile(profile) if profile else None,
        "requests": [
            {
                "mentor": str(r.mentor),
                "mentee": str(r.mentee),
                "situation": r.get_situation_display(),
                "message": r.message,
                "status": r.get_status_display(),
                "decline_reason": r.decline_reason,
                "sent_at": _iso(r.created_at),
            }
            for r in requests.select_related("mentor", "mentee")
        ],
        "mentorships": [_mentorship(m) for m in mentorships],
    }


def _profile(profile: MentorProfile) -> dict:
    return {
        "biography": profile.biography,
        "years_leading": profile.years_leading,
        "region": profile.get_region_display(),
        "city": profile.city,
        "mode": profile.get_mode_display(),
        "is_listed": profile.is_listed,
    }


def _mentorship(mentorship: Mentorship) -> dict:
    return {
        "mentor": str(mentorship.mentor),
        "mentee": str(mentorship.mentee),
        "status": mentorship.get_status_display(),
        "started_on": _iso(mentorship.started_on),
        "ended_on": _iso(mentorship.ended_on),
        "closing_feedback": mentorship.closing_feedback,
        "sessions": [
            {
                "held_on": _iso(s.held_on),
                "format": s.get_format_display(),
                "duration_minutes": s.duration_minutes,
                "is_free": s.is_free,
                "notes": s.notes,
            }
            for s in mentorship.sessions.all()
        ],
    }


def erase(user: User) -> None:
    Mentorship.objects.of(user).delete()
    MentoringRequest.objects.filter(Q(mentee=user) | Q(mentor=user)).delete()
    MentorProfile.objects.filter(user=user).delete()


def purge_expired(*, now: datetime.datetime) -> int:
    """No retention period applies yet: mentorships stay until a partner
    deletes the account."""
    return 0
