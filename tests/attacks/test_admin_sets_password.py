"""Attack: the secretariat takes over a leader's account in the administration.

Reproduced on ``make run``: logged in as the secretariat, open a leader in
"Personen", "Passwort festlegen", type a password of your choice, log in as
the leader, enrol your own TOTP and read the presenters' feedback. A variant
changes the leader's e-mail address and asks for a password reset.

Defence (issue 11 item 2): nobody sets another person's password; the
administration only sends the person a reset link through allauth's normal
flow and the outbox. Accounts with staff duties (leaders, co-leaders,
secretariat, superusers) can be changed by a superuser only, and every change
of an account in the administration is audit-logged and mailed to the person.
"""

import pytest
from django.test import Client
from django.urls import reverse

from balintkreis.accounts.models import User
from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core.models import AuditEvent
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.notifications.models import OutboxEmail

CHOSEN = "vom-sekretariat-gewaehlt-42"


@pytest.fixture
def superuser_client(db):
    admin = UserFactory(is_staff=True, is_superuser=True, first_name="Ada")
    client = Client()
    client.force_login(admin)
    return client


def set_password(client: Client, user: User):
    return client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": CHOSEN, "password2": CHOSEN, "usable_password": "true"},
    )


def change_form_data(user: User, **changes: object) -> dict:
    data = {
        "email": user.email,
        "title": user.title,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "profession": user.profession,
        "specialty": user.specialty,
        "chamber": user.chamber_id or "",
        "phone": user.phone,
        "form_of_address": user.form_of_address,
        "language": user.language,
        "meeting_reminders": "on" if user.meeting_reminders else "",
        "is_active": "on",
        "leader_profile-TOTAL_FORMS": "0",
        "leader_profile-INITIAL_FORMS": "0",
        "consents-TOTAL_FORMS": "0",
        "consents-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


@pytest.mark.parametrize("victim", ["participant", "leader", "secretariat"])
def test_secretariat_cannot_set_anybodys_password(request, secretariat_client, victim):
    user = request.getfixturevalue(victim)
    if victim == "secretariat":
        user = UserFactory(is_secretariat=True)
    set_password(secretariat_client, user)
    user.refresh_from_db()
    assert not user.check_password(CHOSEN)


def test_not_even_a_superuser_sets_another_persons_password(
    superuser_client, participant
):
    set_password(superuser_client, participant)
    participant.refresh_from_db()
    assert not participant.check_password(CHOSEN)


def test_secretariat_cannot_change_a_co_leaders_address(secretariat_client, leader):
    co_leader = UserFactory(email="co@example.org")
    BalintGroupFactory(leader=leader, co_leader=co_leader)
    url = reverse("admin:accounts_user_change", args=[co_leader.pk])
    response = secretariat_client.post(
        url, change_form_data(co_leader, email="angreifer@example.org")
    )
    assert response.status_code == 403
    co_leader.refresh_from_db()
    assert co_leader.email == "co@example.org"


def test_secretariat_cannot_make_someone_secretariat(secretariat_client, participant):
    url = reverse("admin:accounts_user_change", args=[participant.pk])
    secretariat_client.post(
        url, change_form_data(participant, is_secretariat="on"), follow=True
    )
    participant.refresh_from_db()
    assert not participant.is_secretariat


def test_secretariat_sends_a_participant_a_reset_link(secretariat_client, participant):
    url = reverse("admin:accounts_user_send_reset_link", args=[participant.pk])
    page = secretariat_client.get(url)
    assert page.status_code == 200
    assert "Link zum Zurücksetzen" in page.content.decode()
    response = secretariat_client.post(url, follow=True)
    assert response.status_code == 200
    assert "wurde ein Link" in response.content.decode()
    mails = OutboxEmail.objects.filter(to=participant.email)
    assert [m.subject for m in mails] == ["[Balintkreis] Passwort zurücksetzen"]
    assert AuditEvent.objects.filter(
        action="accounts.password_reset.link_sent", object_id=str(participant.pk)
    ).exists()
    participant.refresh_from_db()
    assert participant.check_password("geheim-genug-123")


def test_reset_link_for_a_leader_only_from_a_superuser(
    secretariat_client, superuser_client, leader
):
    url = reverse("admin:accounts_user_send_reset_link", args=[leader.pk])
    assert secretariat_client.post(url).status_code == 403
    assert not OutboxEmail.objects.filter(to=leader.email).exists()
    assert superuser_client.post(url).status_code == 302
    assert OutboxEmail.objects.filter(
        to=leader.email, subject__contains="Passwort"
    ).exists()


def test_every_account_change_is_audited_and_mailed_to_the_person(
    secretariat_client, participant
):
    old_address = participant.email
    url = reverse("admin:accounts_user_change", args=[participant.pk])
    response = secretariat_client.post(
        url, change_form_data(participant, email="neu@example.org", phone="0361 1")
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.email == "neu@example.org"
    assert AuditEvent.objects.filter(
        action="accounts.account.changed_by_admin", object_id=str(participant.pk)
    ).exists()
    # The old address hears of it too: that is where the owner still reads.
    for address in (old_address, "neu@example.org"):
        mail = OutboxEmail.objects.get(to=address, key__startswith="accounts.changed")
        assert "Verwaltung" in mail.subject


def test_superuser_changes_a_leader_and_the_leader_is_told(superuser_client, leader):
    url = reverse("admin:accounts_user_change", args=[leader.pk])
    data = change_form_data(leader, phone="0361 2")
    data.update(
        {
            "leader_profile-TOTAL_FORMS": "1",
            "leader_profile-INITIAL_FORMS": "1",
            "leader_profile-0-id": leader.leader_profile.pk,
            "leader_profile-0-user": leader.pk,
            "leader_profile-0-qualification": leader.leader_profile.qualification,
        }
    )
    response = superuser_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert OutboxEmail.objects.filter(
        to=leader.email, key__startswith="accounts.changed"
    ).exists()


def test_a_new_person_chooses_their_own_password(secretariat_client):
    response = secretariat_client.post(
        reverse("admin:accounts_user_add"),
        {
            "email": "neu@example.org",
            "leader_profile-TOTAL_FORMS": "0",
            "leader_profile-INITIAL_FORMS": "0",
            "consents-TOTAL_FORMS": "0",
            "consents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="neu@example.org")
    assert not person.has_usable_password()
    assert OutboxEmail.objects.filter(
        to="neu@example.org", subject__contains="Passwort"
    ).exists()
