"""Issue 12 item 7: every date and time a person sees is Europe/Berlin.

A meeting at 18:00 Berlin is 17:00 UTC in winter and 16:00 UTC in summer.
Labels, e-mails, PDFs, CSV, calendar files and data exports must say 18:00
and never the UTC hour, also when code runs with another time zone active.
"""

import datetime
import io
import zoneinfo

import pytest
from django.apps import apps
from django.db import models
from django.utils import timezone
from pypdf import PdfReader

from balintkreis.cme import certificate_pdf, certificates, export
from balintkreis.cme.forms import EventNumberForm
from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.meetings import attendance_list, schedule
from balintkreis.meetings import calendar as ics
from balintkreis.meetings import personal_data as meeting_data
from balintkreis.meetings.models import Meeting
from balintkreis.meetings.tests.factories import AttendanceFactory, MeetingFactory
from balintkreis.notifications.models import OutboxEmail

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
# (Berlin wall clock, the UTC hour that must never show)
SEASONS = {
    "winter": (datetime.datetime(2027, 1, 14, 18, 0, tzinfo=BERLIN), "17:00"),
    "summer": (datetime.datetime(2027, 7, 15, 18, 0, tzinfo=BERLIN), "16:00"),
}


def pdf_text(data: bytes) -> str:
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def _stub(model: type[models.Model], at: datetime.datetime, depth: int = 0):
    """An unsaved instance with every datetime at ``at`` and its foreign
    keys filled with stubs (enough for ``__str__``)."""
    obj = model()
    for field in model._meta.concrete_fields:
        if isinstance(field, models.DateTimeField):
            setattr(obj, field.attname, at)
        elif isinstance(field, models.DateField):
            setattr(obj, field.attname, at.date())
        elif field.many_to_one or field.one_to_one:
            if depth < 3 and field.related_model is not model:
                setattr(obj, field.name, _stub(field.related_model, at, depth + 1))
        elif (
            isinstance(field, models.CharField)
            and not field.choices
            and not getattr(obj, field.attname)
        ):
            setattr(obj, field.attname, "x")
    return obj


@pytest.mark.parametrize("season", SEASONS)
def test_every_model_label_is_local_time(season):
    at, utc_hour = SEASONS[season]
    labels = {}
    with timezone.override("UTC"):
        for model in apps.get_models():
            if not model.__module__.startswith("balintkreis."):
                continue
            if "__str__" not in vars(model):
                continue
            try:
                labels[model.__name__] = str(_stub(model, at.astimezone(datetime.UTC)))
            except Exception:  # noqa: BLE001, S112 - a stub too thin for this model
                continue
    # the models whose label carries a time were reached
    for name in ("Meeting", "Attendance", "AuditEvent", "PresenceInterval"):
        assert "18:00" in labels[name], (name, labels[name])
    wrong = {name: label for name, label in labels.items() if utc_hour in label}
    assert wrong == {}


@pytest.fixture
def meetings(group, member, leader):
    member.efn = "802760020090329"
    member.save()
    EventNumberFactory(
        group=group,
        valid_from=datetime.date(2027, 1, 1),
        valid_until=datetime.date(2027, 12, 31),
    )
    result = {}
    for season, (at, _utc) in SEASONS.items():
        meeting = MeetingFactory(group=group, starts_at=at)
        AttendanceFactory(meeting=meeting, user=member, confirmed=True)
        result[season] = meeting
    return result


@pytest.mark.django_db
@pytest.mark.parametrize("season", SEASONS)
def test_documents_say_local_time(season, meetings, member, leader, group):
    meeting = meetings[season]
    _at, utc_hour = SEASONS[season]
    with timezone.override("UTC"):
        # the VNR form's meeting list (the reported bug)
        form = EventNumberForm(group=group, user=leader, suggested=3)
        choices = " ".join(str(label) for _v, label in form.fields["meeting"].choices)
        # certificate PDF and attendance list PDF
        cert = certificates.issue_for_meeting(meeting, user=member, by=member)
        cert_text = pdf_text(certificate_pdf.render(cert))
        list_text = pdf_text(attendance_list.render(meeting))
        # calendar file and data export
        ical = ics.render(Meeting.objects.filter(pk=meeting.pk), name="x").decode()
        exported = str(meeting_data.export(member))
        # e-mails: a moved and a cancelled meeting
        schedule.update_meeting(
            meeting,
            by=leader,
            starts_at=meeting.starts_at,
            duration_minutes=90,
            double_sessions=1,
            format=meeting.format,
            place="Neuer Raum",
            note="",
        )
        schedule.cancel_meeting(meeting, by=leader, reason="Krankheit")
    for text in (choices, cert_text, list_text):
        assert "18:00" in text
        assert utc_hour not in text
    assert "18:00–19:30" in cert_text
    assert "T180000" in ical
    assert "TZID=Europe/Berlin" in ical
    offset = "+01:00" if season == "winter" else "+02:00"
    assert f"T18:00:00{offset}" in exported
    assert "T17:00:00" not in exported
    assert "T16:00:00" not in exported
    emails = list(OutboxEmail.objects.all())
    assert len(emails) >= 2
    for email in emails:
        assert utc_hour not in email.subject + email.body_text + email.body_html
    assert any("18:00" in e.body_text for e in emails)


@pytest.mark.django_db
def test_csv_date_is_the_local_day(group, member):
    """00:30 Berlin on 15 January is still 14 January in UTC."""
    member.efn = "802760020090329"
    member.save()
    EventNumberFactory(
        group=group,
        valid_from=datetime.date(2027, 1, 1),
        valid_until=datetime.date(2027, 12, 31),
    )
    meeting = MeetingFactory(
        group=group, starts_at=datetime.datetime(2027, 1, 15, 0, 30, tzinfo=BERLIN)
    )
    AttendanceFactory(meeting=meeting, user=member, confirmed=True)
    with timezone.override("UTC"):
        text = export.efn_csv(export.rows_for_meeting(meeting))
    assert "2027-01-15" in text
    assert "2027-01-14" not in text
