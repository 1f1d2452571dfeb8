"""Open chamber reports summed up per group, for the leader's and the
secretariat's homes: one line per group instead of one per meeting."""

import datetime
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from balintkreis.groups.models import BalintGroup


class Due(Protocol):
    """One date's open report: ``cme.deadlines.OpenReport`` (with the meeting)
    or ``cme.deadlines.DueDate`` (plain values)."""

    @property
    def group(self) -> BalintGroup: ...

    @property
    def due_at(self) -> datetime.datetime: ...

    @property
    def open_count(self) -> int: ...

    def is_overdue(self, now: datetime.datetime) -> bool: ...


R = TypeVar("R", bound=Due)


@dataclass(frozen=True)
class GroupReports(Generic[R]):
    """A group's open reports, the one due first first."""

    group: BalintGroup
    reports: list[R]
    overdue: int

    @property
    def first(self) -> R:
        return self.reports[0]

    @property
    def open_lines(self) -> int:
        return sum(r.open_count for r in self.reports)


def by_group(reports: list[R], *, now: datetime.datetime) -> list[GroupReports[R]]:
    """``reports`` (as ``cme.deadlines.open_reports`` or ``due_dates`` return
    them) per group, the group with the earliest deadline first."""
    grouped: dict[int, list[R]] = {}
    for report in sorted(reports, key=lambda r: r.due_at):
        grouped.setdefault(report.group.pk, []).append(report)
    return [
        GroupReports(
            group=rows[0].group,
            reports=rows,
            overdue=sum(1 for r in rows if r.is_overdue(now)),
        )
        for rows in grouped.values()
    ]
