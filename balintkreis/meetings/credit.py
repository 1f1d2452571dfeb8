"""The one rule "counts for CME" (DOMAIN.md R3, R12): which attendance earns a
certificate, an EFN on the chamber lists, points and PSGV credit.

Partial attendance is not reported. An attendance counts when the leader
confirmed it and the person was there completely: "present", or "late" with
the minutes missed recorded and no more than ``CME_TOLERANCE_MINUTES``
(default 0, so by default a late arrival never counts). "Late" without
recorded minutes does not count either: nobody said the gap was small.

The rule exists twice, for objects and for queries, built from the same
facts below; ``tests/test_credit.py`` checks both against one table of cases:

- ``counts_for_cme(attendance)`` for one row in Python,
- ``counts_for_cme_q(prefix="")`` as a ``Q`` for querysets and exports.

This module imports no model, so ``meetings.models`` can use it
(``Attendance.counts``, ``Attendance.objects.counting()``).
"""

import datetime
from typing import Protocol

from django.conf import settings
from django.db.models import Q

# Attendance.Status values (meetings/models.py); a test keeps them in step.
PRESENT = "present"
LATE = "late"


class AttendanceFacts(Protocol):
    status: str
    minutes_missed: int | None
    confirmed_at: datetime.datetime | None


def tolerance_minutes() -> int:
    """Minutes missed that still count as complete attendance (default 0)."""
    return settings.CME_TOLERANCE_MINUTES


def counts_for_cme(attendance: AttendanceFacts) -> bool:
    """True when this attendance counts for certificates, EFN lists, the
    chamber export, points and PSGV progress (R3, R12)."""
    if attendance.confirmed_at is None:
        return False
    if attendance.status == PRESENT:
        return True
    return (
        attendance.status == LATE
        and attendance.minutes_missed is not None
        and attendance.minutes_missed <= tolerance_minutes()
    )


def counts_for_cme_q(prefix: str = "") -> Q:
    """The same rule as a ``Q``; ``prefix`` reaches Attendance through a
    relation, e.g. ``counts_for_cme_q("attendances__")`` on meetings."""
    return Q(**{f"{prefix}confirmed_at__isnull": False}) & (
        Q(**{f"{prefix}status": PRESENT})
        | Q(
            **{
                f"{prefix}status": LATE,
                f"{prefix}minutes_missed__isnull": False,
                f"{prefix}minutes_missed__lte": tolerance_minutes(),
            }
        )
    )


def is_complete(*, minutes_missed: int) -> bool:
    """Whether so many missed minutes still count as complete attendance
    (also used by the online presence proposal, R3)."""
    return minutes_missed <= tolerance_minutes()
