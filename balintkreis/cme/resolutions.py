"""Finishing a chamber report (DOMAIN.md R4): lines without a usable EFN.

A participant without a (valid) EFN cannot be reported at the EIV. The
leader resolves such a line instead of leaving it open forever:

- ``no_efn`` ("keine EFN – nicht meldbar"): the participant is asked by
  e-mail (outbox) to add the EFN. When they do within the correction window
  (``CME_CORRECTION_WINDOW_DAYS`` from the resolution), the line is reportable
  again and appears in the EFN list; afterwards it stays resolved.
- ``paper_handed_out`` ("Bescheinigung auf Papier ausgehändigt"): final; the
  participant submits the certificate to their chamber themselves.

Resolved lines no longer count as open or overdue (``deadlines.open_reports``).
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.accounts.models import User
from balintkreis.cme import export
from balintkreis.cme import points as points_rules
from balintkreis.cme.models import ReportEntry
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.meetings.models import Attendance
from balintkreis.notifications import outbox

RESOLUTIONS = export.RESOLUTIONS


class ResolutionError(RuleError):
    pass


def resolve(
    attendance: Attendance,
    *,
    resolution: str,
    by: User,
    now: datetime.datetime | None = None,
) -> ReportEntry:
    """Resolve one line without a usable EFN; returns the report entry.

    Locks the attendance row so two clicks write one entry and one e-mail
    (the outbox key is per attendance as well).
    """
    now = now or timezone.now()
    if resolution not in RESOLUTIONS:
        raise ResolutionError(_("Please choose how the line was resolved."))
    with transaction.atomic():
        attendance = (
            Attendance.objects.select_for_update()
            .select_related("meeting__group", "user")
            .get(pk=attendance.pk)
        )
        if not attendance.counts:
            raise ResolutionError(
                _("Only attendance that counts for the certificate is reported.")
            )
        if not export.efn_problem(attendance.user.efn):
            raise ResolutionError(
                _("%(name)s has a valid EFN; please report the line instead.")
                % {"name": attendance.user.display_name}
            )
        entry = ReportEntry.objects.filter(attendance=attendance).first()
        if entry is not None and entry.status == ReportEntry.Status.REPORTED:
            raise ResolutionError(_("This line has already been reported."))
        if entry is None:
            meeting = attendance.meeting
            entry = ReportEntry(
                attendance=attendance,
                event_number=points_rules.event_numbers_for([meeting])[meeting.pk],
                method=ReportEntry.Method.MANUAL,
            )
        # The correction window of a resolved line starts with the resolution.
        entry.first_submitted_at = now
        entry.status = resolution
        entry.resolved_by = by
        entry.save()
        if resolution == ReportEntry.Status.NO_EFN:
            _ask_for_efn(attendance, entry=entry)
        audit.record(by, "cme.report.resolved", entry, data={"resolution": resolution})
    return entry


def _ask_for_efn(attendance: Attendance, *, entry: ReportEntry) -> None:
    user = attendance.user
    outbox.enqueue(
        to=user,
        template="cme/email/efn_request",
        context={
            "person": user,
            "meeting": attendance.meeting,
            "until": entry.correction_window_ends_at(
                days=settings.CME_CORRECTION_WINDOW_DAYS
            ),
        },
        key=f"cme.efn-request.{attendance.pk}",
    )
