import datetime

import pytest
from django.urls import reverse

from balintkreis.core.models import AuditEvent
from balintkreis.mentoring import logbook
from balintkreis.mentoring.models import MentoringSession, Mentorship, Topic
from balintkreis.mentoring.tests.factories import MentoringSessionFactory


def _url(mentorship):
    return reverse("mentoring:session-create", args=[mentorship.pk])


def _data(**overrides):
    data = {
        "held_on": "2026-10-01",
        "format": "online",
        "duration_minutes": "60",
        "topics": [Topic.objects.get(code="billing").pk],
        "notes": "Honorarmodell besprochen.",
    }
    data.update(overrides)
    return data


def test_mentor_logs_a_free_session(mentor_client, mentorship):
    response = mentor_client.post(_url(mentorship), _data())

    assert response.url == reverse("mentoring:mentorship-detail", args=[mentorship.pk])
    session = MentoringSession.objects.get()
    assert session.is_free
    assert session.notes == "Honorarmodell besprochen."
    page = mentor_client.get(response.url).content.decode()
    assert "Der Termin wurde eingetragen." in page
    assert "1 von 3 genutzt" in page


def test_notes_are_encrypted_at_rest(mentorship):
    from django.db import connection

    MentoringSessionFactory(mentorship=mentorship, notes="Raum im MVZ")
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM mentoring_mentoringsession")
        (stored,) = cursor.fetchone()
    assert "Raum" not in stored


def test_mentee_may_log_too(mentee_client, mentorship):
    mentee_client.post(_url(mentorship), _data())
    assert MentoringSession.objects.count() == 1


def test_invalid_session_keeps_input(mentor_client, mentorship):
    response = mentor_client.post(_url(mentorship), _data(duration_minutes="500"))
    assert response.status_code == 422
    assert "Honorarmodell besprochen." in response.content.decode()
    assert not MentoringSession.objects.exists()


def test_patient_like_notes_need_a_confirmation(mentor_client, mentorship):
    notes = "Frau Schneider, geb. 04.05.1960, kam nicht"
    response = mentor_client.post(_url(mentorship), _data(notes=notes))

    html = response.content.decode()
    assert response.status_code == 422
    assert "könnten Patientinnen oder Patienten erkennbar machen" in html
    assert not MentoringSession.objects.exists()

    confirmed = mentor_client.post(
        _url(mentorship), _data(notes=notes, confirm_no_patient_data="on")
    )
    assert confirmed.status_code == 302
    assert MentoringSession.objects.count() == 1


def test_fourth_session_leads_to_the_decision(mentor_client, mentorship, settings):
    settings.MENTORING_FREE_SESSIONS = 3
    MentoringSessionFactory.create_batch(3, mentorship=mentorship)

    response = mentor_client.get(_url(mentorship))

    assert response.url == reverse("mentoring:mentorship-decide", args=[mentorship.pk])
    page = mentor_client.get(response.url).content.decode()
    assert "Wie möchten Sie weitermachen?" in page
    assert "3 von 3 genutzt" in page
    assert "ersetzt weder Supervision noch kollegiale Intervision" in page


def test_rule_refuses_a_fourth_free_session(mentorship, mentor):
    MentoringSessionFactory.create_batch(3, mentorship=mentorship)
    with pytest.raises(logbook.FreeSessionsUsed):
        logbook.log_session(
            mentorship,
            by=mentor,
            held_on=datetime.date(2026, 11, 1),
            format="online",
            duration_minutes=60,
        )


def test_free_sessions_follow_the_setting(mentorship, mentor, settings):
    settings.MENTORING_FREE_SESSIONS = 1
    MentoringSessionFactory(mentorship=mentorship)
    with pytest.raises(logbook.FreeSessionsUsed):
        logbook.log_session(
            mentorship,
            by=mentor,
            held_on=datetime.date(2026, 11, 1),
            format="online",
            duration_minutes=60,
        )


def test_sessions_in_supervision_are_paid(mentorship, mentor):
    MentoringSessionFactory.create_batch(3, mentorship=mentorship)
    mentorship.status = Mentorship.Status.SUPERVISION
    mentorship.save()
    session = logbook.log_session(
        mentorship,
        by=mentor,
        held_on=datetime.date(2026, 11, 1),
        format="in_person",
        duration_minutes=50,
    )
    assert not session.is_free


def test_reading_notes_is_audit_logged(mentee, mentee_client, mentorship):
    MentoringSessionFactory(mentorship=mentorship, notes="Antrag Kammer")
    html = mentee_client.get(
        reverse("mentoring:mentorship-detail", args=[mentorship.pk])
    ).content.decode()
    assert "Antrag Kammer" in html
    assert AuditEvent.objects.filter(
        actor=mentee, action="mentoring.session_notes.read"
    ).exists()


def test_detail_shows_private_jitsi_room(mentor_client, mentorship, settings):
    settings.JITSI_DOMAIN = "meet.example.org"
    html = mentor_client.get(
        reverse("mentoring:mentorship-detail", args=[mentorship.pk])
    ).content.decode()
    assert f"https://meet.example.org/{mentorship.room_name}" in html
    assert len(mentorship.room_name) >= 40


@pytest.mark.parametrize(
    "name",
    [
        "mentoring:mentorship-detail",
        "mentoring:session-create",
        "mentoring:mentorship-decide",
    ],
)
@pytest.mark.parametrize("persona", ["outsider", "secretariat", "leader"])
def test_only_the_pair_sees_the_mentorship(request, mentorship, name, persona):
    MentoringSessionFactory(mentorship=mentorship)
    client = request.getfixturevalue(f"{persona}_client")
    assert client.get(reverse(name, args=[mentorship.pk])).status_code == 404


@pytest.mark.parametrize("rows", [3, 30])
def test_detail_query_count_is_constant(
    mentor_client, mentorship, django_assert_num_queries, rows
):
    for _ in range(rows):
        MentoringSessionFactory(mentorship=mentorship)
    url = reverse("mentoring:mentorship-detail", args=[mentorship.pk])
    # session, user, mentorship with the pair, sessions, their topics,
    # audit insert, terms
    with django_assert_num_queries(7):
        mentor_client.get(url)
