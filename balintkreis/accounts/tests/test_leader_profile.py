import datetime

from django.urls import reverse
from pytest_django.asserts import assertContains

URL = reverse("accounts:leader-profile")


def test_leader_edits_own_leader_profile(leader, leader_client):
    response = leader_client.get(URL)
    assertContains(response, "<h1>Mein Profil als Gruppenleitung</h1>", html=True)
    response = leader_client.post(
        URL,
        {
            "qualification": "Fachärztin für Allgemeinmedizin",
            "dbg_recognised_on": "2019-05-04",
            "dbg_number": "DBG-123",
            "chamber_recognition": "Landesärztekammer Thüringen",
            "biography": "",
        },
    )
    assert response.status_code == 302
    leader.leader_profile.refresh_from_db()
    assert leader.leader_profile.dbg_recognised_on == datetime.date(2019, 5, 4)
    assert leader.leader_profile.dbg_number == "DBG-123"


def test_invalid_leader_profile_is_refused_and_kept(leader, leader_client):
    response = leader_client.post(
        URL, {"qualification": "", "dbg_recognised_on": "2019-13-45", "dbg_number": "7"}
    )
    assert response.status_code == 422
    assertContains(response, 'aria-invalid="true"', status_code=422)
    assertContains(response, 'value="7"', status_code=422)
    leader.leader_profile.refresh_from_db()
    assert leader.leader_profile.dbg_number == ""


def test_participant_gets_403(participant_client):
    assert participant_client.get(URL).status_code == 403
    assert participant_client.post(URL, {"qualification": "x"}).status_code == 403


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
