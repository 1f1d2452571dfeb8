"""'Meine Daten': export, erasure with pseudonymised proof, retention (issue 7)."""

import datetime
import json
import logging

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.accounts.models import Consent, User
from balintkreis.cme.models import Certificate, ReportEntry
from balintkreis.core import personal_data
from balintkreis.core.models import AuditEvent
from balintkreis.groups.models import Application, Inquiry, Membership
from balintkreis.meetings.models import Attendance, CasePresentation
from balintkreis.meetings.tests.factories import AttendanceFactory, MeetingFactory
from balintkreis.mentoring.models import MentoringSession, Mentorship
from balintkreis.notifications.models import OutboxEmail
from tests import world as world_module

pytestmark = pytest.mark.django_db


def test_json_export_holds_the_persons_data_and_nobody_elses(world):
    client = world.client("participant_a")
    response = client.get(reverse("accounts:my-data-json"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["accounts"]["efn"] == world_module.EFN_A
    assert data["accounts"]["last_name"] == "Aalberg"
    assert data["groups"]["memberships"][0]["group"] == "Gruppe Alpha"
    assert data["meetings"]["case_presentations"][0]["theme"] == "Thema-Alpha-Fall"
    assert data["cme"]["certificates"][0]["number"] == world.certificate_a.number
    assert data["feedback"]["presenter_feedback"][0]["what_helped"] == (
        world_module.FEEDBACK_TEXT_A
    )
    assert data["online"]["techcheck"]["browser"] == "Firefox"
    text = response.content.decode()
    for foreign in (
        world_module.LEADER_NOTE_A,
        "Brenner",
        world_module.EFN_B,
        "Gruppe Beta",
        "Anwärter",
    ):
        assert foreign not in text
    assert AuditEvent.objects.filter(
        actor=world.participant_a,
        action="accounts.personal_data.exported",
        data={"format": "json"},
    ).exists()


def test_mentoring_notes_are_exported_to_both_partners_only(world):
    for persona in ("mentor", "mentee"):
        text = world.client(persona).get(reverse("accounts:my-data-json")).text
        assert world_module.PAIR_NOTE in text
        assert world_module.OTHER_PAIR_NOTE not in text
    text = world.client("participant_a").get(reverse("accounts:my-data-json")).text
    assert world_module.PAIR_NOTE not in text


def test_leader_gets_own_private_notes_and_no_ballot(world):
    from balintkreis.feedback import polls

    choice = world.poll_a.choices.first()
    polls.vote(world.poll_a, voter=world.participant_a, choice_id=choice.pk)
    data = json.loads(
        world.client("leader_a").get(reverse("accounts:my-data-json")).content
    )
    assert data["feedback"]["private_notes"][0]["text"] == world_module.LEADER_NOTE_A
    voter = json.loads(
        world.client("participant_a").get(reverse("accounts:my-data-json")).content
    )
    assert voter["feedback"]["voted_in"] == ["Präsenz oder online?"]
    assert choice.label not in json.dumps(voter["feedback"])


def test_readable_page_shows_the_data_with_masked_efn(world):
    response = world.client("participant_a").get(reverse("accounts:my-data"))
    assertContains(response, "<h1>Meine Daten</h1>", html=True)
    assertContains(response, "Gruppe Alpha")
    assertContains(response, "Thema-Alpha-Fall")
    assertContains(response, "80276•••••••329")
    assertNotContains(response, world_module.EFN_A)


def test_export_never_puts_an_efn_into_the_audit_log_or_log_output(world, caplog):
    caplog.set_level(logging.DEBUG)
    leader = world.client("leader_a")
    meeting = {"slug": world.group_a.slug, "pk": world.meeting_a.pk}
    vnr = {"slug": world.group_a.slug, "pk": world.event_number_a.pk}
    for name, kwargs in [
        ("cme:meeting-report", meeting),
        ("cme:meeting-report-txt", meeting),
        ("cme:meeting-report-csv", meeting),
        ("cme:vnr-report", vnr),
        ("cme:vnr-report-csv", vnr),
    ]:
        response = leader.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200
    assert (
        world_module.EFN_A
        in leader.get(
            reverse("cme:meeting-report-txt", kwargs=meeting)
        ).content.decode()
    )
    world.client("participant_a").get(reverse("accounts:my-data-json"))
    world.client("participant_a").get(reverse("accounts:my-data"))
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"cme.export.downloaded", "cme.report.viewed"} <= actions
    assert "accounts.personal_data.exported" in actions
    for event in AuditEvent.objects.all():
        dumped = json.dumps(event.data) + event.object_repr
        assert world_module.EFN_A not in dumped
        assert world_module.EFN_A[5:] not in dumped
    assert world_module.EFN_A not in caplog.text


def test_deleting_needs_the_password(world):
    client = world.client("participant_a")
    response = client.post(reverse("accounts:account-delete"), {"password": "falsch"})
    assertContains(response, "Das Passwort ist nicht korrekt", status_code=422)
    assert User.objects.get(pk=world.participant_a.pk).is_active


def test_deleting_keeps_confirmed_attendance_pseudonymised(world):
    person = world.participant_a
    pk = person.pk
    absent = AttendanceFactory(
        meeting=MeetingFactory(group=world.group_a), user=person, status="absent"
    )
    OutboxEmail.objects.create(
        key="k1", to=person.email, subject="Hallo", body_text="x"
    )
    Inquiry.objects.create(
        name="Paula", email=person.email, message="Frage", consent_version="1"
    )
    client = world.client("participant_a")
    response = client.post(
        reverse("accounts:account-delete"), {"password": "geheim-genug-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:home")

    kept = User.objects.get(pk=pk)
    assert not kept.is_active
    assert not kept.has_usable_password()
    assert "Aalberg" not in kept.email + kept.first_name + kept.last_name
    assert kept.efn == ""
    assert Attendance.objects.filter(pk=world.attendance_a.pk, user=kept).exists()
    assert not Attendance.objects.filter(pk=absent.pk).exists()
    certificate = Certificate.objects.get(pk=world.certificate_a.pk)
    assert "Aalberg" not in json.dumps(certificate.data)
    for model, lookup in [
        (Membership, {"user": kept}),
        (Application, {"user": kept}),
        (CasePresentation, {"presenter": kept}),
        (Consent, {"user": kept}),
        (EmailAddress, {"user": kept}),
        (OutboxEmail, {"to": person.email}),
        (Inquiry, {"email": person.email}),
    ]:
        assert not model.objects.filter(**lookup).exists(), model
    assert AuditEvent.objects.filter(action="accounts.account.erased").exists()
    # The old session is gone and the log-in is refused.
    assert client.get(reverse("accounts:dashboard")).status_code == 302
    assert not world.client("anonymous").login(
        email=person.email, password="geheim-genug-123"
    )


def test_deleting_without_proof_removes_the_person_entirely(world):
    mentee = world.mentee
    response = world.client("mentee").post(
        reverse("accounts:account-delete"), {"password": "geheim-genug-123"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=mentee.pk).exists()
    assert not Mentorship.objects.filter(pk=world.mentorship.pk).exists()
    assert not MentoringSession.objects.filter(mentorship=world.mentorship).exists()
    # The other pair keeps its log.
    assert MentoringSession.objects.filter(mentorship=world.other_mentorship).exists()


def test_a_leader_must_hand_over_the_group_first(world):
    response = world.client("leader_a").post(
        reverse("accounts:account-delete"), {"password": "geheim-genug-123"}
    )
    assertContains(response, "Sie leiten noch eine Gruppe", status_code=422)
    assert User.objects.get(pk=world.leader_a.pk).is_active


def test_retention_purges_expired_data_and_keeps_recent(world):
    OutboxEmail.objects.create(
        key="old", to="a@example.org", subject="s", body_text="t", status="sent"
    )
    Inquiry.objects.filter(pk=world.inquiry.pk).update(
        status=Inquiry.Status.ANSWERED, answered_at=timezone.now()
    )
    ReportEntry.objects.create(
        attendance=world.attendance_a,
        event_number=world.event_number_a,
        status=ReportEntry.Status.REPORTED,
        method=ReportEntry.Method.MANUAL,
        first_submitted_at=timezone.now(),
    )
    in_two_years = timezone.now() + datetime.timedelta(days=2 * 365)
    with time_machine.travel(in_two_years, tick=False):
        counts = personal_data.purge_expired()
    assert counts["notifications"] == 1
    assert counts["groups"] == 1
    assert Attendance.objects.filter(pk=world.attendance_a.pk).exists()
    assert Certificate.objects.filter(pk=world.certificate_a.pk).exists()

    in_seven_years = timezone.now() + datetime.timedelta(days=7 * 365)
    with time_machine.travel(in_seven_years, tick=False):
        counts = personal_data.purge_expired()
    assert not Attendance.objects.filter(pk=world.attendance_a.pk).exists()
    assert not Certificate.objects.filter(pk=world.certificate_a.pk).exists()
    assert not CasePresentation.objects.filter(pk=world.case_a.pk).exists()
    assert counts["meetings"] >= 2
    assert AuditEvent.objects.filter(action="core.retention.purged").exists()


def test_retention_deletes_a_pseudonym_once_its_proof_expired(world):
    person = world.participant_a
    personal_data.erase(person)
    assert User.objects.filter(pk=person.pk).exists()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=7 * 365)):
        counts = personal_data.purge_expired()
    # The attendance proof has expired, but the person's invoice is kept for
    # 10 years after the end of its year (billing), and with it the pseudonym.
    assert counts["accounts"] == 0
    with time_machine.travel(timezone.now() + datetime.timedelta(days=11 * 365 + 3)):
        counts = personal_data.purge_expired()
    assert counts["billing"] == 1
    assert counts["accounts"] == 1
    assert not User.objects.filter(pk=person.pk).exists()


def test_retention_job_is_scheduled_daily():
    from balintkreis.notifications import jobs

    path, cron = jobs.collected()["core.purge_expired_data"]
    assert path == "balintkreis.core.tasks.purge_expired_data"
    assert cron.split()[2:] == ["*", "*", "*"]


def test_retention_task_runs(world):
    from balintkreis.core.tasks import purge_expired_data

    OutboxEmail.objects.create(
        key="old", to="a@example.org", subject="s", body_text="t", status="sent"
    )
    with time_machine.travel(timezone.now() + datetime.timedelta(days=100)):
        result = purge_expired_data.enqueue()
    assert result.return_value == 1
