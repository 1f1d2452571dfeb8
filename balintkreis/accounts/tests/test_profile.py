import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.accounts.models import User
from balintkreis.accounts.tests.factories import ChamberFactory
from balintkreis.core.models import AuditEvent

URL = reverse("accounts:profile")
VALID_EFN = "802760020090329"


def profile_data(**overrides):
    data = {
        "title": "",
        "first_name": "Paula",
        "last_name": "Teilnehmerin",
        "profession": User.Profession.PHYSICIAN,
        "specialty": "Allgemeinmedizin",
        "chamber": "",
        "efn": "",
        "phone": "",
    }
    data.update(overrides)
    return data


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_owner_sees_form_in_german_with_full_efn(participant, participant_client):
    participant.efn = VALID_EFN
    participant.save()
    response = participant_client.get(URL)
    assertContains(response, "<h1>Mein Profil</h1>", html=True)
    assertContains(response, f'value="{VALID_EFN}"')
    assertContains(response, "Ärztin/Arzt")
    assertContains(response, 'data-efn-input=""')


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("802760020090329", "802760020090329"),
        ("802760901234566", "802760901234566"),
        ("80276 00200 90329", "802760020090329"),
        ("80276-00200-90329", "802760020090329"),
    ],
)
def test_valid_efn_is_normalised_and_saved(
    participant, participant_client, typed, stored
):
    chamber = ChamberFactory()
    response = participant_client.post(
        URL, profile_data(efn=typed, chamber=chamber.pk, phone="03641 123456")
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.efn == stored
    assert participant.chamber == chamber
    assert participant.phone == "03641 123456"
    response = participant_client.get(URL)
    assertContains(response, "Ihr Profil wurde gespeichert.")


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("802760020090320", "Prüfziffer"),
        ("123456789012345", "Prüfziffer"),
        ("80276002009032", "genau 15 Ziffern"),
        ("8027600200903290", "genau 15 Ziffern"),
        ("80276OO2OO9O329", "nur Ziffern"),
    ],
)
def test_invalid_efn_is_refused_with_german_error_and_input_kept(
    participant, participant_client, typed, message
):
    response = participant_client.post(
        URL, profile_data(efn=typed, specialty="Innere Medizin")
    )
    assert response.status_code == 422
    assertContains(response, message, status_code=422)
    assertContains(response, 'aria-invalid="true"', status_code=422)
    assertContains(response, f'value="{typed}"', status_code=422)
    assertContains(response, 'value="Innere Medizin"', status_code=422)
    participant.refresh_from_db()
    assert participant.efn == ""
    assert participant.specialty == ""


def test_missing_name_is_refused(participant, participant_client):
    response = participant_client.post(URL, profile_data(first_name=""))
    assert response.status_code == 422
    participant.refresh_from_db()
    assert participant.first_name == "Paula"


def test_unusual_prefix_saves_with_soft_warning(participant, participant_client):
    # A valid Luhn number that does not start with 80276 (psychotherapists).
    from balintkreis.accounts import efn

    body = "81276002009032"
    number = body + efn.luhn_check_digit(body)
    response = participant_client.post(URL, profile_data(efn=number), follow=True)
    assertContains(response, "beginnt nicht mit 80276")
    participant.refresh_from_db()
    assert participant.efn == number


def test_efn_is_stored_encrypted(participant, participant_client):
    participant_client.post(URL, profile_data(efn=VALID_EFN))
    with connection.cursor() as cursor:
        cursor.execute("SELECT efn FROM accounts_user WHERE id = %s", [participant.pk])
        raw = cursor.fetchone()[0]
    assert raw
    assert VALID_EFN not in raw
    participant.refresh_from_db()
    assert participant.efn == VALID_EFN


def test_efn_never_appears_in_logs_queries_or_audit(
    participant, participant_client, caplog
):
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        participant_client.post(URL, profile_data(efn=VALID_EFN))
        participant_client.post(URL, profile_data(efn="802760020090320"))
        participant_client.get(URL)
    logged = "\n".join(
        f"{record.getMessage()} {record.args!r}" for record in caplog.records
    )
    assert VALID_EFN not in logged
    assert "802760020090320" not in logged
    assert all(VALID_EFN not in query["sql"] for query in queries.captured_queries)
    event = AuditEvent.objects.get(action="accounts.profile.updated")
    assert "efn" in event.data["fields"]
    assert VALID_EFN not in str(event.data)


def test_clearing_the_efn_is_allowed(participant, participant_client):
    participant.efn = VALID_EFN
    participant.save()
    response = participant_client.post(URL, profile_data(efn=""))
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.efn == ""
