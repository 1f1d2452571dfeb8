"""Attack: the secretariat reads a password-reset link out of the outbox.

A secretariat user asks for a password reset for the superuser's address and
then looks for the reset link in the administration's outbox pages (list,
change view, search, any export/JSON view) to take over the superuser
account. The link must not be readable anywhere after the mail was queued.
"""

import re

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core.models import AuditEvent
from balintkreis.notifications import outbox
from balintkreis.notifications.models import OutboxEmail

pytestmark = pytest.mark.django_db(transaction=True)

RESET_PATH = re.compile(r"/konto/[^\s\"<>]*passwor[^\s\"<>]*/key/([^\s\"<>/]+)/?")


@pytest.fixture
def superuser(db):
    return UserFactory(email="chefin@example.org", is_staff=True, is_superuser=True)


def _request_reset(client, address: str) -> str:
    response = client.post(reverse("account_reset_password"), {"email": address})
    assert response.status_code == 302
    sent = [m for m in mail.outbox if address in m.to]
    assert sent, "the reset mail went out"
    body = sent[-1].body
    match = re.search(r"https?://\S+", body.split("reset", 1)[-1]) or re.search(
        r"https?://\S+", body
    )
    link = match.group(0)
    # The secret part of allauth's link: the last two path segments.
    return link.rstrip("/").rsplit("/", 1)[-1]


def test_secretariat_cannot_read_a_reset_link_in_the_outbox(
    superuser, secretariat, secretariat_client
):
    secret = _request_reset(secretariat_client, superuser.email)
    assert len(secret) > 10
    email = OutboxEmail.objects.get(to=superuser.email)
    base = reverse("admin:notifications_outboxemail_changelist")
    pages = [
        base,
        f"{base}?q={secret[:12]}",
        f"{base}?q=key",
        f"{base}?q={superuser.email}",
        reverse("admin:notifications_outboxemail_change", args=[email.pk]),
        reverse("admin:notifications_outboxemail_history", args=[email.pk]),
    ]
    for url in pages:
        response = secretariat_client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        assert secret not in response.content.decode(), url
    # Search by a piece of the secret finds nothing (bodies are not searchable).
    response = secretariat_client.get(f"{base}?q={secret[:12]}")
    assert superuser.email not in response.content.decode()


def test_the_admin_shows_only_recipient_subject_status_and_times(
    secretariat_client, participant
):
    email = OutboxEmail.objects.filter(to=participant.email).first() or (
        outbox.enqueue(
            to=participant.email,
            template="accounts/email/allauth",
            context={"subject": "Hallo", "body_text": "Geheimer Text 4711"},
            key="attack-test",
        )
    )
    url = reverse("admin:notifications_outboxemail_change", args=[email.pk])
    page = secretariat_client.get(url).content.decode()
    assert participant.email in page
    assert "Geheimer Text 4711" not in page
    assert email.key not in page


def test_bodies_are_encrypted_in_the_database(superuser, secretariat_client):
    secret = _request_reset(secretariat_client, superuser.email)
    with connection.cursor() as cursor:
        cursor.execute("SELECT body_text, body_html FROM notifications_outboxemail")
        rows = cursor.fetchall()
    assert rows
    for text, html in rows:
        assert secret not in (text or "") + (html or "")
        assert "http" not in (text or "")


def test_reading_a_body_is_audit_logged_and_refused_for_secrets(
    superuser, secretariat, secretariat_client
):
    from balintkreis.core.errors import RuleError

    _request_reset(secretariat_client, superuser.email)
    email = OutboxEmail.objects.get(to=superuser.email)
    assert email.carries_secret
    with pytest.raises(RuleError):
        outbox.read_body(email, reader=secretariat)
    assert AuditEvent.objects.filter(
        action="notifications.email.body_read", actor=secretariat
    ).exists()
