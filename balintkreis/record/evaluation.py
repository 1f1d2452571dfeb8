"""How far a person's record is from one target (record/targets.py).

Pure functions over ``Session`` rows, no database: ``record/sessions.py``
builds the rows from counted platform attendance and outside entries, this
module decides. One function per kind of target:

- ``series_progress``: the PSGV rules (DOMAIN.md 5, R6) across groups. A
  series is one closed group under one fixed leader; a change of leader or
  of group starts a new one. In a series only the stretch from its first to
  its last in-person session counts, online sessions count up to the
  target's share, and online sessions longer than 90 minutes do not count.
  The longest valid series wins and shows which sessions form it.
- ``sum_progress``: targets that only count double sessions.
- ``leader_progress``: the DBG leader training (DOMAIN.md 6, R8): 35 before
  and 70 during the training (split on the start date the person entered),
  6 leader seminars with 30 double sessions, supervised leading.

Self-reported outside entries count, but a target is only reached once they
are confirmed (``pending``).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from balintkreis.meetings.progress import add_months
from balintkreis.record import targets
from balintkreis.record.targets import Target

# A virtual session may last at most 90 minutes (DOMAIN.md R6, R10).
MAX_ONLINE_MINUTES_PER_DOUBLE_SESSION = 90


@dataclass(frozen=True)
class Session:
    """One row of the record: a platform meeting the person attended
    completely, or an outside entry (then possibly many double sessions)."""

    on: datetime.date
    double_sessions: int
    kind: str = targets.GROUP
    online: bool = False
    group_key: str = ""
    group_title: str = ""
    leader_key: str = ""
    leader_name: str = ""
    confirmed: bool = True
    is_platform: bool = True
    last_on: datetime.date | None = None
    # Minutes per double session, for the 90-minute rule of virtual sessions.
    minutes_per_double_session: int = 90
    pk: int | None = None

    @property
    def until(self) -> datetime.date:
        return self.last_on or self.on

    @property
    def too_long_online(self) -> bool:
        return (
            self.online
            and self.minutes_per_double_session > MAX_ONLINE_MINUTES_PER_DOUBLE_SESSION
        )


@dataclass
class Series:
    """Consecutive sessions of one group under one leader."""

    group_title: str
    leader_name: str
    group_key: str = ""
    leader_key: str = ""
    sessions: list[Session] = field(default_factory=list)
    # Sessions of this group and leader that do not count, with the reason.
    left_out: list[tuple[Session, str]] = field(default_factory=list)
    credited: int = 0
    online: int = 0

    @property
    def first_on(self) -> datetime.date | None:
        return self.sessions[0].on if self.sessions else None

    @property
    def last_on(self) -> datetime.date | None:
        return self.sessions[-1].until if self.sessions else None

    @property
    def span_days(self) -> int:
        if self.first_on is None or self.last_on is None:
            return 0
        return (self.last_on - self.first_on).days

    @property
    def pending(self) -> int:
        return sum(s.double_sessions for s in self.sessions if not s.confirmed)


@dataclass
class Progress:
    target: Target
    credited: int = 0
    pending: int = 0
    reached: bool = False
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # PSGV-like targets: the best series and the others.
    series: Series | None = None
    other_series: list[Series] = field(default_factory=list)
    # The DBG leader training.
    before: int = 0
    during: int = 0
    seminars: int = 0
    seminar_double_sessions: int = 0
    supervised_leading: bool = False

    @property
    def required(self) -> int:
        return self.target.double_sessions

    @property
    def percent(self) -> int:
        if not self.required:
            return 100
        return min(100, 100 * self.credited // self.required)


def evaluate(
    target: Target,
    sessions: Iterable[Session],
    *,
    training_started_on: datetime.date | None = None,
) -> Progress:
    """The progress toward ``target``, whichever kind it is."""
    rows = sorted(sessions, key=lambda s: (s.on, s.until))
    if target.leader_seminars or target.before_training:
        return leader_progress(target, rows, training_started_on=training_started_on)
    if target.one_group_one_leader:
        return series_progress(target, rows)
    return sum_progress(target, rows)


def _pending_text(pending: int) -> str:
    return ngettext(
        "%(count)d double session from your own entries is not confirmed yet.",
        "%(count)d double sessions from your own entries are not confirmed yet.",
        pending,
    ) % {"count": pending}


def _remaining_text(remaining: int) -> str:
    return ngettext(
        "%(count)d more double session",
        "%(count)d more double sessions",
        remaining,
    ) % {"count": remaining}


# ---------------------------------------------------------------- series


def runs(sessions: list[Session]) -> list[Series]:
    """Split group sessions into series: per group, a new series whenever
    the leader changes (DOMAIN.md R6). Outside entries with the same group
    title and leader form one group."""
    by_group: dict[str, list[Session]] = {}
    for session in sessions:
        if session.kind == targets.GROUP:
            by_group.setdefault(session.group_key, []).append(session)
    result: list[Series] = []
    for rows in by_group.values():
        of_group: list[Series] = []
        for session in rows:
            if not of_group or session.leader_key != of_group[-1].leader_key:
                of_group.append(
                    Series(
                        session.group_title,
                        session.leader_name,
                        group_key=session.group_key,
                        leader_key=session.leader_key,
                    )
                )
            of_group[-1].sessions.append(session)
        result += of_group
    return result


def _settle(series: Series, target: Target) -> Series:
    """Keep the stretch that counts: from the first to the last in-person
    session, without over-long online sessions, online up to the share."""
    candidates = []
    for session in series.sessions:
        if session.too_long_online:
            series.left_out.append(
                (session, _("online and longer than 90 minutes per double session"))
            )
        else:
            candidates.append(session)
    in_person = [i for i, s in enumerate(candidates) if not s.online]
    if not in_person:
        series.left_out += [
            (s, _("online: a series must begin with an in-person session"))
            for s in candidates
        ]
        series.sessions = []
        return series
    first, last = in_person[0], in_person[-1]
    series.left_out += [
        (s, _("online before the first in-person session of this series"))
        for s in candidates[:first]
    ]
    series.left_out += [
        (
            s,
            _(
                "online after the last in-person session: counts once you attend in person again"
            ),
        )
        for s in candidates[last + 1 :]
    ]
    kept = candidates[first : last + 1]
    cap = target.max_online
    online = 0
    series.sessions = []
    for session in kept:
        if session.online:
            room = session.double_sessions if cap is None else max(0, cap - online)
            if not room:
                series.left_out.append(
                    (session, _("beyond the share of online sessions that count"))
                )
                continue
            online += min(room, session.double_sessions)
            series.credited += min(room, session.double_sessions)
        else:
            series.credited += session.double_sessions
        series.sessions.append(session)
    series.online = online
    return series


def series_progress(target: Target, sessions: list[Session]) -> Progress:
    """PSGV-like targets: the best series across all groups (DOMAIN.md R6)."""
    settled = [_settle(s, target) for s in runs(sessions)]
    settled.sort(
        key=lambda s: (s.credited, s.span_days, s.last_on or datetime.date.min)
    )
    progress = Progress(target=target)
    if not settled or not settled[-1].sessions:
        progress.other_series = [s for s in settled if s.sessions or s.left_out]
        progress.missing = [
            _remaining_text(target.double_sessions),
            _("a series that begins and ends with an in-person session"),
        ]
        return progress
    best = settled[-1]
    progress.series = best
    progress.other_series = [s for s in settled[:-1] if s.sessions or s.left_out]
    progress.credited = min(best.credited, target.double_sessions)
    progress.pending = best.pending
    span_ok = target.span_ok(best.sessions[0].on, best.sessions[-1].until)
    remaining = target.double_sessions - best.credited
    if remaining > 0:
        progress.missing.append(
            _("%(rest)s in “%(group)s” with %(leader)s")
            % {
                "rest": _remaining_text(remaining),
                "group": best.group_title,
                "leader": best.leader_name,
            }
        )
    if not span_ok:
        progress.missing.append(_span_text(target, best))
    if progress.pending:
        progress.missing.append(_pending_text(progress.pending))
    progress.reached = remaining <= 0 and span_ok and not progress.pending
    progress.warnings = _series_warnings(progress)
    return progress


def _span_text(target: Target, series: Series) -> str:
    first = series.sessions[0].on
    if target.min_span_days:
        earliest = first + datetime.timedelta(days=target.min_span_days)
    else:
        earliest = add_months(first, target.min_span_months)
    return _(
        "a last in-person session on or after %(date)s (the series must span "
        "at least %(months)d months; so far %(days)d days)"
    ) % {
        "date": f"{earliest:%d.%m.%Y}",
        "months": target.min_span_months,
        "days": series.span_days,
    }


def _series_warnings(progress: Progress) -> list[str]:
    """What does not count toward the best series, in plain words."""
    result = []
    for other in progress.other_series:
        counted = sum(s.double_sessions for s in other.sessions)
        if counted:
            result.append(
                _(
                    "%(count)d double sessions in “%(group)s” with %(leader)s form "
                    "another series and do not add to this one."
                )
                % {
                    "count": counted,
                    "group": other.group_title,
                    "leader": other.leader_name,
                }
            )
    series = progress.series
    if series is not None:
        for session, reason in series.left_out:
            result.append(
                _("%(date)s does not count: %(reason)s.")
                % {"date": f"{session.on:%d.%m.%Y}", "reason": reason}
            )
    return result


# ------------------------------------------------------------------- sums


def sum_progress(target: Target, sessions: list[Session]) -> Progress:
    """Targets that only ask for a number of double sessions."""
    counted = [s for s in sessions if s.kind in target.counted_kinds]
    total = sum(s.double_sessions for s in counted)
    progress = Progress(target=target)
    progress.credited = min(total, target.double_sessions)
    progress.pending = sum(s.double_sessions for s in counted if not s.confirmed)
    remaining = target.double_sessions - total
    if remaining > 0:
        progress.missing.append(_remaining_text(remaining))
    if progress.pending:
        progress.missing.append(_pending_text(progress.pending))
    progress.reached = remaining <= 0 and not progress.pending
    return progress


# ------------------------------------------------------ leader training


def leader_progress(
    target: Target,
    sessions: list[Session],
    *,
    training_started_on: datetime.date | None,
) -> Progress:
    """The DBG leader training: participation before and during the
    training, leader seminars, supervised leading (DOMAIN.md 6, R8)."""
    progress = Progress(target=target)
    participation = [s for s in sessions if s.kind in targets.PARTICIPATION_KINDS]
    for session in participation:
        if training_started_on is None or session.on < training_started_on:
            progress.before += session.double_sessions
        else:
            progress.during += session.double_sessions
    credited_before = min(progress.before, target.before_training)
    credited_during = min(progress.during, target.during_training)
    progress.credited = credited_before + credited_during
    seminars = [s for s in sessions if s.kind == targets.LEADER_SEMINAR]
    progress.seminars = len(seminars)
    progress.seminar_double_sessions = sum(s.double_sessions for s in seminars)
    supervised = [s for s in sessions if s.kind == targets.SUPERVISED_LEADING]
    progress.supervised_leading = bool(supervised)
    counted = participation + seminars + supervised
    progress.pending = sum(s.double_sessions for s in counted if not s.confirmed)
    missing = progress.missing
    if training_started_on is None:
        missing.append(
            _("the start date of your leader training (enter it with the target)")
        )
    if credited_before < target.before_training:
        missing.append(
            _("%(rest)s before the start of the training")
            % {"rest": _remaining_text(target.before_training - credited_before)}
        )
    if credited_during < target.during_training:
        missing.append(
            _("%(rest)s during the training")
            % {"rest": _remaining_text(target.during_training - credited_during)}
        )
    if progress.seminars < target.leader_seminars:
        missing.append(
            ngettext(
                "%(count)d more leader seminar",
                "%(count)d more leader seminars",
                target.leader_seminars - progress.seminars,
            )
            % {"count": target.leader_seminars - progress.seminars}
        )
    if progress.seminar_double_sessions < target.leader_seminar_double_sessions:
        missing.append(
            _("%(rest)s in leader seminars")
            % {
                "rest": _remaining_text(
                    target.leader_seminar_double_sessions
                    - progress.seminar_double_sessions
                )
            }
        )
    if target.supervised_leading and not progress.supervised_leading:
        missing.append(_("supervised leading of a group of your own"))
    if progress.pending:
        missing.append(_pending_text(progress.pending))
    if progress.before > target.before_training and training_started_on:
        progress.warnings.append(
            _(
                "%(extra)d double sessions before the training are more than the "
                "%(before)d that count; they do not replace sessions during it."
            )
            % {
                "extra": progress.before - target.before_training,
                "before": target.before_training,
            }
        )
    progress.reached = not missing
    return progress


def not_counting_reasons(target: Target) -> list[str]:
    """What would make a session not count toward ``target``, in plain words."""
    reasons = [
        _(
            "The leader has not confirmed your attendance yet, or you were late "
            "or left early: only complete attendance counts."
        ),
        _("An entry of your own is not confirmed yet or was rejected."),
    ]
    if target.one_group_one_leader:
        reasons.append(
            _(
                "It took place in another group or under another leader: that "
                "starts a new series."
            )
        )
    if target.max_online is not None:
        reasons.append(
            _(
                "It was online beyond the share that counts (%(count)d double "
                "sessions) or longer than 90 minutes."
            )
            % {"count": target.max_online}
        )
    if target.first_last_in_person:
        reasons.append(
            _("It was online before your first or after your last in-person session.")
        )
    if target.before_training:
        reasons.append(
            _(
                "More than %(before)d double sessions before the start of the "
                "training do not count toward the %(during)d during it."
            )
            % {"before": target.before_training, "during": target.during_training}
        )
    if target.counted_kinds == (targets.GROUP,):
        reasons.append(_("It was a study conference, large group or seminar."))
    return reasons
