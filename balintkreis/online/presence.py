"""Presence in online meetings: heartbeats, server events, proposed attendance.

Server time is authoritative: a client's clock never decides when somebody
joined or left (DOMAIN.md R3, R10). Both sources, the meeting page and
Prosody's event_sync, write into one ``Presence`` per person and meeting.
"""

import datetime
from dataclasses import dataclass
from typing import NotRequired, TypedDict

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import attendance as attendance_rules
from balintkreis.meetings import credit
from balintkreis.meetings import members as members_rules
from balintkreis.meetings.models import Attendance, Meeting
from balintkreis.online import beats
from balintkreis.online.models import MeetingOptions, Presence, PresenceInterval

BEAT_SECONDS = 15
# Two missed heartbeats: the panel shows "reconnecting" instead of "connected".
RECONNECTING_AFTER = datetime.timedelta(seconds=2 * BEAT_SECONDS + 10)
# No heartbeat for this long: the person has left; a later beat is a rejoin.
LEFT_AFTER = datetime.timedelta(seconds=6 * BEAT_SECONDS)
OPENS_BEFORE = datetime.timedelta(minutes=15)
# Heartbeats after the end are accepted for a while, not counted as presence.
CLOSES_AFTER = datetime.timedelta(minutes=15)


class PresenceClosed(RuleError):
    pass


class Kind:
    BEAT = "beat"
    JOINED = "joined"
    LEFT = "left"
    ALL = (BEAT, JOINED, LEFT)


def is_open(meeting: Meeting, *, now: datetime.datetime) -> bool:
    """Heartbeats are taken from 15 minutes before until shortly after the end."""
    return (
        not meeting.is_cancelled
        and meeting.format == Meeting.Format.ONLINE
        and meeting.starts_at - OPENS_BEFORE <= now <= meeting.ends_at + CLOSES_AFTER
    )


def _open_interval(presence: Presence, *, at: datetime.datetime, source: str) -> None:
    PresenceInterval.objects.create(presence=presence, started_at=at, source=source)


def _close_interval(presence: Presence, *, at: datetime.datetime) -> None:
    PresenceInterval.objects.filter(presence=presence, ended_at__isnull=True).update(
        ended_at=at
    )


def _is_current(presence: Presence, *, now: datetime.datetime) -> bool:
    """An open stretch that has not gone stale."""
    if presence.left_at is not None:
        return False
    return presence.is_held_by_server or now - presence.last_seen_at <= LEFT_AFTER


def touch(
    meeting_id: int,
    *,
    user_id: int,
    beat_id: str,
    quality: int | None,
    now: datetime.datetime | None = None,
) -> bool:
    """The common heartbeat in one conditional UPDATE: only while the person's
    stretch is current and the beat is new. False: call ``record`` instead.
    """
    now = now or timezone.now()
    if beats.beat(
        meeting_id,
        user_id=user_id,
        beat_id=beat_id,
        quality=quality,
        left_after=LEFT_AFTER,
        now=now,
    ):
        return True  # buffered; the worker writes it (online/beats.py)
    if connection.vendor != "postgresql":
        touched = _touch(meeting_id, user_id, beat_id, quality, now)
    else:
        with transaction.atomic():
            # A heartbeat lost in a crash is harmless; not waiting for the WAL
            # flush gave five times the single-client throughput
            # (bench/heartbeat.py).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
            touched = _touch(meeting_id, user_id, beat_id, quality, now)
    if touched and beats.enabled():
        # The stretch is current: its next beats go to the buffer.
        beats.remember(
            Presence(
                meeting_id=meeting_id,
                user_id=user_id,
                last_seen_at=now,
                last_beat_id=beat_id,
                quality=quality,
            )
        )
    return touched


def _touch(
    meeting_id: int,
    user_id: int,
    beat_id: str,
    quality: int | None,
    now: datetime.datetime,
) -> bool:
    adapt = connection.ops.adapt_datetimefield_value
    table = Presence._meta.db_table
    # Raw SQL because compiling the ORM query costs more than running it,
    # and this runs 67 times a second for 1,000 participants (bench/heartbeat.py).
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_seen_at = %s, last_beat_id = %s, "
            "quality = COALESCE(%s, quality) "
            "WHERE meeting_id = %s AND user_id = %s AND left_at IS NULL "
            "AND last_seen_at <= %s AND (is_held_by_server OR last_seen_at >= %s) "
            "AND (%s = '' OR last_beat_id <> %s)",
            [
                adapt(now),
                beat_id,
                quality,
                meeting_id,
                user_id,
                adapt(now),
                adapt(now - LEFT_AFTER),
                beat_id,
                beat_id,
            ],
        )
        changed: int = cursor.rowcount
        return changed == 1


def record(
    meeting: Meeting,
    *,
    user: User,
    kind: str,
    source: str = PresenceInterval.Source.PAGE,
    beat_id: str = "",
    quality: int | None = None,
    now: datetime.datetime | None = None,
) -> Presence | None:
    """Record a heartbeat, a join or a leave; idempotent per ``beat_id``.

    A join or beat while present extends the stretch; after a leave or a
    stale gap it opens a new stretch and counts one rejoin. Returns the
    presence, or None for a leave of somebody never present.
    """
    now = now or timezone.now()
    if not is_open(meeting, now=now):
        raise PresenceClosed(_("This online meeting is not open at the moment."))
    with transaction.atomic():
        presence = (
            Presence.objects.select_for_update()
            .filter(meeting=meeting, user=user)
            .first()
        )
        if presence is None:
            presence = _first_join(meeting, user, kind, source, beat_id, quality, now)
            if presence is not None:
                beats.remember(presence)
            return presence
        # The buffered beat of this person first (online/beats.py): a leave
        # or a rejoin starts from where they were last heard.
        beats.take(presence)
        if beat_id and beat_id == presence.last_beat_id:
            return presence
        if kind == Kind.LEFT:
            _leave(presence, source=source, now=now)
        else:
            _join_or_beat(presence, source=source, now=now)
        if quality is not None:
            presence.quality = quality
        if beat_id:
            presence.last_beat_id = beat_id
        presence.save()
        beats.remember(presence)
    return presence


def _first_join(
    meeting: Meeting,
    user: User,
    kind: str,
    source: str,
    beat_id: str,
    quality: int | None,
    now: datetime.datetime,
) -> Presence | None:
    if kind == Kind.LEFT:
        return None
    presence = Presence.objects.create(
        meeting=meeting,
        user=user,
        first_joined_at=now,
        last_seen_at=now,
        is_held_by_server=source == PresenceInterval.Source.SERVER,
        quality=quality,
        last_beat_id=beat_id,
    )
    _open_interval(presence, at=now, source=source)
    return presence


def _leave(presence: Presence, *, source: str, now: datetime.datetime) -> None:
    held = presence.is_held_by_server
    presence.is_held_by_server = False
    if presence.left_at is not None:
        return
    # A page that went silent long ago left where its last heartbeat was.
    stale = not held and now - presence.last_seen_at > LEFT_AFTER
    presence.left_at = presence.last_seen_at if stale else now
    _close_interval(presence, at=presence.left_at)
    if not stale:
        presence.last_seen_at = now


def _join_or_beat(presence: Presence, *, source: str, now: datetime.datetime) -> None:
    if not _is_current(presence, now=now):
        if presence.left_at is None:
            # A stale stretch ends where the last heartbeat was heard.
            _close_interval(presence, at=presence.last_seen_at)
        _open_interval(presence, at=now, source=source)
        presence.rejoins += 1
        presence.left_at = None
    if source == PresenceInterval.Source.SERVER:
        presence.is_held_by_server = True
    presence.last_seen_at = now


def status_of(presence: Presence, *, now: datetime.datetime) -> str:
    """connected, reconnecting (heartbeats missed) or left."""
    if presence.left_at is not None:
        return "left"
    if presence.is_held_by_server:
        return "connected"
    gap = now - presence.last_seen_at
    if gap <= RECONNECTING_AFTER:
        return "connected"
    if gap <= LEFT_AFTER:
        return "reconnecting"
    return "left"


def interval_end(
    interval: PresenceInterval, presence: Presence, *, now: datetime.datetime
) -> datetime.datetime:
    if interval.ended_at is not None:
        return interval.ended_at
    if presence.is_held_by_server:
        return now
    return min(presence.last_seen_at, now)


def seconds_present(
    meeting: Meeting,
    presence: Presence,
    intervals: list[PresenceInterval],
    *,
    now: datetime.datetime,
) -> int:
    """Seconds inside the meeting's time, stretches clamped to start and end."""
    total = 0
    for interval in intervals:
        start = max(interval.started_at, meeting.starts_at)
        end = min(interval_end(interval, presence, now=now), meeting.ends_at)
        if end > start:
            total += int((end - start).total_seconds())
    return total


@dataclass
class Proposal:
    user: User
    minutes: int
    rejoins: int
    joined_at: datetime.datetime | None
    left_at: datetime.datetime | None
    status: str
    current_status: str
    minutes_missed: int | None = None

    @property
    def is_present(self) -> bool:
        return self.status == Attendance.Status.PRESENT

    @property
    def label(self) -> str:
        return str(Attendance.Status(self.status).label)

    @property
    def current_label(self) -> str:
        if not self.current_status:
            return ""
        return str(Attendance.Status(self.current_status).label)


def members_of(meeting: Meeting) -> list[User]:
    """Active members on the meeting's day (leaders are not members)."""
    return list(members_rules.members_on(meeting.group, meeting.local_date))


def active_members(group: BalintGroup, *, on: datetime.date) -> list[User]:
    return list(members_rules.members_on(group, on))


def minutes_missed(meeting: Meeting, seconds: int) -> int:
    """Whole minutes of the meeting somebody was not connected."""
    return max(0, meeting.duration_minutes * 60 - seconds) // 60


def proposed_status(meeting: Meeting, seconds: int) -> tuple[str, int | None]:
    """Status and minutes missed proposed for ``seconds`` of presence (R3).

    "present" means complete: at most ``CME_TOLERANCE_MINUTES`` missed, the
    same tolerance as the rule "counts for CME" (``meetings/credit.py``). A
    chamber that accepts less may lower ``ONLINE_PRESENT_PERCENT`` (default
    100). Partial presence is proposed as "late" with the minutes missed, so
    the leader sees it and the rule decides; no presence at all is "absent".
    """
    if seconds <= 0:
        return Attendance.Status.ABSENT, None
    missed = minutes_missed(meeting, seconds)
    share = meeting.duration_minutes * 60 * settings.ONLINE_PRESENT_PERCENT / 100
    if credit.is_complete(minutes_missed=missed) or seconds >= share:
        return Attendance.Status.PRESENT, None
    return Attendance.Status.LATE, missed


def proposals(
    meeting: Meeting, *, now: datetime.datetime | None = None
) -> list[Proposal]:
    """Proposed attendance per member (``proposed_status``, R3)."""
    now = now or timezone.now()
    beats.flush([meeting.pk], now=now)
    presences = {
        p.user_id: p
        for p in meeting.presences.prefetch_related("intervals").select_related("user")
    }
    existing = {a.user_id: a for a in meeting.attendances.all()}
    result = []
    for user in members_of(meeting):
        presence = presences.get(user.pk)
        seconds = 0
        if presence is not None:
            intervals = list(presence.intervals.all())
            seconds = seconds_present(meeting, presence, intervals, now=now)
        status, missed = proposed_status(meeting, seconds)
        current = existing.get(user.pk)
        result.append(
            Proposal(
                user=user,
                minutes=seconds // 60,
                rejoins=presence.rejoins if presence else 0,
                joined_at=presence.first_joined_at if presence else None,
                left_at=(presence.left_at or presence.last_seen_at)
                if presence
                else None,
                status=status,
                current_status=current.status if current else "",
                minutes_missed=missed,
            )
        )
    return result


def adopt_proposals(
    meeting: Meeting,
    *,
    by: User,
    now: datetime.datetime | None = None,
) -> list[Attendance]:
    """Write the proposal through the meetings rules and confirm it (R3).

    Only after the end; an existing "excused" stays for somebody the
    proposal finds absent. Join and leave times go with each row.
    """
    now = now or timezone.now()
    if now < meeting.ends_at:
        raise RuleError(_("The proposal can be adopted once the meeting has ended."))
    written = []
    with transaction.atomic():
        for proposal in proposals(meeting, now=now):
            if (
                not proposal.is_present
                and proposal.current_status == Attendance.Status.EXCUSED
            ):
                continue
            row = attendance_rules.mark(
                meeting,
                member=proposal.user,
                status=proposal.status,
                by=by,
                mode=Meeting.Format.ONLINE,
                minutes_missed=proposal.minutes_missed,
            )
            Attendance.objects.filter(pk=row.pk).update(
                joined_at=proposal.joined_at, left_at=proposal.left_at
            )
            written.append(row)
        attendance_rules.confirm(meeting, by=by)
    return written


class PanelPerson(TypedDict):
    name: str
    status: str  # connected, reconnecting or left (status_of)
    quality: int | None
    rejoins: int


class TimelineEvent(TypedDict):
    name: str
    kind: str  # joined, rejoined or left
    at: str  # local "HH:MM"
    sort: NotRequired[str]  # ISO time, removed once sorted


class Panel(TypedDict):
    """The leaders' presence panel, sent as JSON (online/views/meeting.py)."""

    server_time: str
    people: list[PanelPerson]
    silent: bool  # the leader marked a silent phase (issue 15 item 5)
    timeline: NotRequired[list[TimelineEvent]]  # leaders only


def panel(
    meeting_id: int, *, with_timeline: bool, now: datetime.datetime | None = None
) -> Panel:
    """Who is connected, reconnecting or gone; the timeline only for leaders.

    One query: every presence has at least one stretch, so the stretches
    with their presence and person carry everything the panel shows.
    """
    now = now or timezone.now()
    silence = MeetingOptions.objects.filter(
        meeting_id=meeting_id, silent_since__isnull=False
    )
    intervals = (
        PresenceInterval.objects.filter(presence__meeting_id=meeting_id)
        .select_related("presence__user")
        # The silent phase rides along in the same query (issue 15 item 5).
        .annotate(is_silent=Exists(silence))
        .order_by("presence__user__last_name", "presence__user_id", "started_at")
    )
    people: dict[int, PanelPerson] = {}
    timeline: list[TimelineEvent] = []
    is_silent = False
    rows = list(intervals)
    # Live state: the beats buffered since the last flush (online/beats.py).
    beats.overlay([interval.presence for interval in rows])
    for interval in rows:
        is_silent = interval.is_silent
        presence = interval.presence
        if presence.pk not in people:
            people[presence.pk] = {
                "name": presence.user.display_name,
                "status": status_of(presence, now=now),
                "quality": presence.quality,
                "rejoins": presence.rejoins,
            }
            first = True
        else:
            first = False
        if with_timeline:
            timeline.append(
                {
                    "name": presence.user.display_name,
                    "kind": "joined" if first else "rejoined",
                    "at": timezone.localtime(interval.started_at).strftime("%H:%M"),
                    "sort": interval.started_at.isoformat(),
                }
            )
            if interval.ended_at is not None:
                timeline.append(
                    {
                        "name": presence.user.display_name,
                        "kind": "left",
                        "at": timezone.localtime(interval.ended_at).strftime("%H:%M"),
                        "sort": interval.ended_at.isoformat(),
                    }
                )
    if not people:
        # Nobody joined yet: no row carried the silent phase.
        is_silent = silence.exists()
    result: Panel = {
        "server_time": now.isoformat(),
        "people": list(people.values()),
        "silent": is_silent,
    }
    if with_timeline:
        timeline.sort(key=lambda event: event["sort"], reverse=True)
        for event in timeline:
            del event["sort"]
        result["timeline"] = timeline
    return result
