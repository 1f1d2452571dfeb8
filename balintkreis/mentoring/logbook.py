"""Logging mentoring sessions and the free-session counter (DOMAIN.md R9)."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.mentoring.models import MentoringSession, Mentorship, Topic


class SessionError(RuleError):
    pass


class FreeSessionsUsed(SessionError):
    """The free sessions are used up: the pair must end or agree on supervision."""


def free_sessions() -> int:
    return settings.MENTORING_FREE_SESSIONS


def free_sessions_used(mentorship: Mentorship) -> int:
    return mentorship.sessions.filter(is_free=True).count()


def needs_decision(mentorship: Mentorship, *, used: int) -> bool:
    """True when the free sessions are used and no supervision is agreed yet."""
    return mentorship.status == Mentorship.Status.ACTIVE and used >= free_sessions()


def log_session(
    mentorship: Mentorship,
    *,
    by: User,
    held_on: datetime.date,
    format: str,
    duration_minutes: int,
    topics: Iterable[Topic] = (),
    notes: str = "",
) -> MentoringSession:
    """Add a session to a running mentorship.

    While mentoring, at most ``MENTORING_FREE_SESSIONS`` sessions are logged,
    all free; the next one needs the pair's decision (end or supervision).
    In supervision, sessions are paid. The mentorship row is locked so two
    people logging at once cannot exceed the free sessions.
    """
    with transaction.atomic():
        mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
        if not mentorship.is_running:
            raise SessionError(_("This mentorship has ended."))
        in_supervision = mentorship.status == Mentorship.Status.SUPERVISION
        if not in_supervision and free_sessions_used(mentorship) >= free_sessions():
            raise FreeSessionsUsed(
                _(
                    "All free sessions have been used. Please end the mentorship "
                    "or agree on supervision first."
                )
            )
        session = MentoringSession(
            mentorship=mentorship,
            held_on=held_on,
            format=format,
            duration_minutes=duration_minutes,
            notes=notes,
            is_free=not in_supervision,
            logged_by=by,
        )
        session.full_clean()
        session.save()
        session.topics.set(topics)
        audit.record(by, "mentoring.session.logged", session)
    return session


def record_notes_read(mentorship: Mentorship, *, reader: User, count: int) -> None:
    """Audit-log that ``reader`` saw the session notes (DESIGN.md: reads of
    confidential notes are logged)."""
    audit.record(
        reader, "mentoring.session_notes.read", mentorship, data={"sessions": count}
    )
