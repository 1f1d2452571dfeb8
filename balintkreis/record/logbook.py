"""The DBG leader-training logbook (DOMAIN.md 6, R8).

What the DBG asks of a trainee (physicians and psychologists alike), as far
as DOMAIN.md knows it: 105 double sessions of participation (35 before, 70
during the training), 6 leader seminars with at least 30 double sessions,
supervised leading of one's own group; the remaining items are unconfirmed.
Each row names date(s), kind, group or event, leader and their recognition,
organiser, mode, double sessions, the phase (before/during the training
start the person entered) and who confirmed it: platform dates by the
leader's attendance sheet, outside entries one by one by the recognised
leader they name or the secretariat (record/entries.py).
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from balintkreis.accounts.models import LeaderProfile, User
from balintkreis.record import evaluation, sessions, targets
from balintkreis.record.models import ChosenTarget, OutsideEntry


@dataclass(frozen=True)
class LogbookRow:
    on: datetime.date
    until: datetime.date
    kind: str
    title: str
    leader: str
    recognition: str
    organiser: str
    mode: str
    double_sessions: int
    # "before", "during" or "" when no training start is known.
    phase: str
    confirmation: str
    is_confirmed: bool
    entry: OutsideEntry | None = None

    @property
    def phase_label(self) -> str:
        return {"before": _("before"), "during": _("during")}.get(self.phase, "–")


@dataclass
class Logbook:
    person: User
    training_started_on: datetime.date | None
    progress: evaluation.Progress
    participation: list[LogbookRow] = field(default_factory=list)
    seminars: list[LogbookRow] = field(default_factory=list)
    supervised: list[LogbookRow] = field(default_factory=list)

    def sections(self) -> list[tuple[str, list[LogbookRow]]]:
        return [
            (_("Balint group participation"), self.participation),
            (_("Leader seminars"), self.seminars),
            (_("Supervised leading of my own group"), self.supervised),
        ]


def recognition_of(profile: LeaderProfile | None) -> str:
    """The leader's recognitions as the logbook prints them."""
    if profile is None:
        return ""
    parts = []
    if profile.dbg_recognised_on or profile.dbg_number:
        text = _("DBG")
        if profile.dbg_number:
            text += " " + _("no. %(number)s") % {"number": profile.dbg_number}
        if profile.dbg_recognised_on:
            text += " " + _("since %(date)s") % {
                "date": f"{profile.dbg_recognised_on:%d.%m.%Y}"
            }
        parts.append(text)
    if profile.chamber_recognition:
        parts.append(profile.chamber_recognition)
    return "; ".join(parts)


def _phase(on: datetime.date, start: datetime.date | None) -> str:
    if start is None:
        return ""
    return "before" if on < start else "during"


def _platform_row(row: sessions.PlatformRow, start: datetime.date | None) -> LogbookRow:
    meeting = row.meeting
    leader = meeting.leader or meeting.group.leader
    profile = getattr(leader, "leader_profile", None) if leader else None
    confirmed_by = _("the group leader's attendance sheet on %(date)s") % {
        "date": f"{row.attendance.confirmed_at:%d.%m.%Y}"
        if row.attendance.confirmed_at
        else "–"
    }
    return LogbookRow(
        on=meeting.local_date,
        until=meeting.local_date,
        kind=str(OutsideEntry.Kind.GROUP.label),
        title=meeting.group.title,
        leader=row.leader_name,
        recognition=recognition_of(profile),
        organiser=settings.CME_ORGANISER,
        mode=str(row.attendance.get_mode_display()),
        double_sessions=meeting.double_sessions,
        phase=_phase(meeting.local_date, start),
        confirmation=confirmed_by,
        is_confirmed=True,
    )


def entry_confirmation(entry: OutsideEntry) -> str:
    if entry.status == OutsideEntry.Status.CONFIRMED and entry.decided_at:
        return _("confirmed by %(person)s on %(date)s") % {
            "person": entry.decided_by.display_name if entry.decided_by else "–",
            "date": f"{entry.decided_at:%d.%m.%Y}",
        }
    return str(entry.get_status_display())


def _entry_row(entry: OutsideEntry, start: datetime.date | None) -> LogbookRow:
    return LogbookRow(
        on=entry.started_on,
        until=entry.last_on,
        kind=str(entry.get_kind_display()),
        title=entry.title,
        leader=entry.leader_name,
        recognition=entry.leader_recognition,
        organiser=entry.organiser,
        mode=str(entry.get_mode_display()),
        double_sessions=entry.double_sessions,
        phase=_phase(entry.started_on, start),
        confirmation=entry_confirmation(entry),
        is_confirmed=entry.is_confirmed,
        entry=entry,
    )


def build(user: User) -> Logbook:
    """The person's logbook from their whole record."""
    chosen = ChosenTarget.objects.filter(user=user, key=targets.DBG_LEADER).first()
    start = chosen.training_started_on if chosen else None
    rows = sessions.platform_rows(user)
    entries = [
        e
        for e in sessions.outside_entries(user)
        if e.status != OutsideEntry.Status.REJECTED
    ]
    target = targets.get(targets.DBG_LEADER, sessions.chamber_of(user))
    progress = evaluation.evaluate(
        target, sessions.sessions_for(rows, entries), training_started_on=start
    )
    logbook = Logbook(person=user, training_started_on=start, progress=progress)
    logbook.participation = [_platform_row(r, start) for r in rows if r.counts]
    for entry in entries:
        row = _entry_row(entry, start)
        if entry.kind == OutsideEntry.Kind.LEADER_SEMINAR:
            logbook.seminars.append(row)
        elif entry.kind == OutsideEntry.Kind.SUPERVISED_LEADING:
            logbook.supervised.append(row)
        else:
            logbook.participation.append(row)
    logbook.participation.sort(key=lambda r: (r.on, r.until))
    return logbook
