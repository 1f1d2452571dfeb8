"""Open chamber reports summed up per group, for the leader's and the
secretariat's homes: one line per group instead of one per meeting."""

import datetime
from dataclasses import dataclass

from balintkreis.cme.deadlines import OpenReport
from balintkreis.groups.models import BalintGroup


@dataclass(frozen=True)
class GroupReports:
    """A group's open reports, the one due first first."""

    group: BalintGroup
    reports: list[OpenReport]
    overdue: int

    @property
    def first(self) -> OpenReport:
        return self.reports[0]

    @property
    def open_lines(self) -> int:
        return sum(r.open_count for r in self.reports)


def by_group(
    reports: list[OpenReport], *, now: datetime.datetime
) -> list[GroupReports]:
    """``reports`` (as ``cme.deadlines.open_reports`` returns them) per group,
    the group with the earliest deadline first."""
    grouped: dict[int, list[OpenReport]] = {}
    for report in sorted(reports, key=lambda r: r.due_at):
        grouped.setdefault(report.meeting.group_id, []).append(report)
    return [
        GroupReports(
            group=rows[0].meeting.group,
            reports=rows,
            overdue=sum(1 for r in rows if r.is_overdue(now)),
        )
        for rows in grouped.values()
    ]
