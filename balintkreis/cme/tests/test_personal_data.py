"""The person's chamber reports in the data export (core/personal_data.py)."""

import pytest
from django.utils import timezone

from balintkreis.cme import personal_data
from balintkreis.cme.models import ReportEntry
from balintkreis.meetings.tests.factories import AttendanceFactory

pytestmark = pytest.mark.django_db


def test_export_holds_a_report_line_without_vnr():
    # A line resolved for the paper route may have no VNR (resolutions.py).
    attendance = AttendanceFactory(confirmed=True)
    ReportEntry.objects.create(
        attendance=attendance,
        event_number=None,
        status=ReportEntry.Status.REPORTED,
        method=ReportEntry.Method.MANUAL,
        first_submitted_at=timezone.now(),
    )
    [report] = personal_data.export(attendance.user)["chamber_reports"]
    assert report["vnr"] == ""
