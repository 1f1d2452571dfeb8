"""The reminder e-mail before each meeting (meetings/reminders.py)."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.utils import timezone

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings import reminders
from balintkreis.meetings.models import Attendance
from balintkreis.meetings.tests.factories import AttendanceFactory, MeetingFactory
from balintkreis.notifications import delivery, jobs
from balintkreis.notifications.models import OutboxEmail
from balintkreis.notifications.outbox import attachments_of

NOW = timezone.make_aware(datetime.datetime(2026, 12, 1, 18, 0))


def at(hours: float) -> datetime.datetime:
    return NOW + datetime.timedelta(hours=hours)


@pytest.fixture
def neumann(group):
    person = UserFactory(
        first_name="Hanna",
        last_name="Neumann",
        title="Dr. med.",
        form_of_address="ms",
    )
    MembershipFactory(group=group, user=person, started_on=datetime.date(2026, 1, 1))
    return person


def reminders_sent():
    return OutboxEmail.objects.filter(key__startswith="meetings.reminder.")


def test_the_job_is_registered_through_the_app_config():
    task, crontab = jobs.collected()["meetings.send_reminders"]
    assert task == "balintkreis.meetings.tasks.send_reminders"
    assert crontab == "*/15 * * * *"


@pytest.mark.django_db
def test_reminds_meetings_in_the_next_24_hours_only(group, neumann):
    due = MeetingFactory(group=group, starts_at=at(23))
    MeetingFactory(group=group, starts_at=at(25))  # too early to remind
    MeetingFactory(group=group, starts_at=at(-1))  # begun

    assert reminders.send_due_reminders(now=NOW) == 1

    email = reminders_sent().get()
    assert email.key == f"meetings.reminder.{due.pk}.{neumann.pk}"
    assert email.to == neumann.email


@pytest.mark.django_db
def test_in_person_reminder_in_german(group, neumann):
    MeetingFactory(group=group, starts_at=at(20), place="Institut, Raum 4")

    reminders.send_due_reminders(now=NOW)

    email = reminders_sent().get()
    assert (
        email.subject == f"Erinnerung: „{group.title}“ am Mittwoch, 02.12.2026 um 14:00"
    )
    text = email.body_text
    assert text.startswith("Sehr geehrte Frau Dr. Neumann,\n")
    assert "Datum: Mittwoch, 2. Dezember 2026" in text
    assert "14:00 bis 15:30 Uhr" in text
    assert "Ort: Institut, Raum 4" in text
    assert "Streaming" not in text
    assert "/mein-bereich/profil/" in text
    assert "Sehr geehrte Frau Dr. Neumann," in email.body_html


@pytest.mark.django_db
def test_online_reminder_has_the_room_link_and_the_advice(group, neumann, settings):
    meeting = MeetingFactory(group=group, starts_at=at(2), online=True)

    reminders.send_due_reminders(now=NOW)

    text = reminders_sent().get().body_text
    assert "Ort: online" in text
    room = f"{settings.SITE_URL}/online/sitzungen/{meeting.pk}/"
    assert f"Online-Raum: {room}" in text
    assert "Streaming oder Downloads" in text
    assert "Headset" in text
    assert "ruhigen Raum" in text
    assert "allein" in text
    assert "Google Chrome, Brave oder Opera" in text
    assert "Jitsi Meet" in text
    assert "Technik-Check" in text


@pytest.mark.django_db
def test_english_reminder_for_a_member_who_chose_english(group, neumann):
    neumann.language = "en"
    neumann.save()
    MeetingFactory(group=group, starts_at=at(20), online=True)

    reminders.send_due_reminders(now=NOW)

    email = reminders_sent().get()
    assert email.subject.startswith(
        f"Reminder: “{group.title}” on Wednesday, 02.12.2026"
    )
    assert email.body_text.startswith("Dear Dr Neumann,\n")
    assert "Place: online" in email.body_text
    assert "Recommended browsers: Google Chrome, Brave or Opera" in email.body_text


@pytest.mark.django_db
def test_reminders_are_sent_once_per_meeting_and_member(group, neumann):
    MeetingFactory(group=group, starts_at=at(10))

    assert reminders.send_due_reminders(now=NOW) == 1
    assert reminders.send_due_reminders(now=at(0.25)) == 0
    assert reminders.send_due_reminders(now=at(5)) == 0
    assert reminders_sent().count() == 1


@pytest.mark.django_db
def test_no_reminder_when_switched_off_or_excused(group, neumann):
    meeting = MeetingFactory(group=group, starts_at=at(10))
    quiet = UserFactory(meeting_reminders=False)
    MembershipFactory(group=group, user=quiet, started_on=datetime.date(2026, 1, 1))
    excused = UserFactory()
    MembershipFactory(group=group, user=excused, started_on=datetime.date(2026, 1, 1))
    AttendanceFactory(meeting=meeting, user=excused, status=Attendance.Status.EXCUSED)
    left = UserFactory()
    MembershipFactory(
        group=group,
        user=left,
        started_on=datetime.date(2026, 1, 1),
        ended_on=datetime.date(2026, 11, 1),
    )

    reminders.send_due_reminders(now=NOW)

    assert [e.to for e in reminders_sent()] == [neumann.email]


@pytest.mark.django_db
def test_no_reminder_for_a_cancelled_meeting(group, neumann):
    MeetingFactory(group=group, starts_at=at(10), is_cancelled=True)

    assert reminders.send_due_reminders(now=NOW) == 0
    assert not reminders_sent().exists()


@pytest.mark.django_db
def test_the_calendar_entry_is_attached_and_sent(group, neumann, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    meeting = MeetingFactory(group=group, starts_at=at(20), place="Institut, Raum 4")

    reminders.send_due_reminders(now=NOW)

    email = reminders_sent().get()
    (attachment,) = attachments_of(email)
    assert attachment.filename == "sitzung.ics"
    assert attachment.mimetype == "text/calendar"
    calendar = icalendar.Calendar.from_ical(attachment.content)
    (event,) = calendar.walk("VEVENT")
    assert str(event["summary"]) == group.title
    assert str(event["location"]) == "Institut, Raum 4"
    assert event.decoded("dtstart") == meeting.starts_at
    assert str(event["uid"]).startswith(f"meeting-{meeting.pk}@")

    mail.outbox.clear()
    assert delivery.deliver(email.pk)
    (sent,) = mail.outbox
    ((filename, content, mimetype),) = sent.attachments
    assert filename == "sitzung.ics"
    assert mimetype == "text/calendar"
    assert b"BEGIN:VEVENT" in (
        content if isinstance(content, bytes) else content.encode()
    )
