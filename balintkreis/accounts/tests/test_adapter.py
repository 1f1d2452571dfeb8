"""All allauth e-mails go through the outbox, exactly once per request."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from balintkreis.notifications.models import OutboxEmail

pytestmark = pytest.mark.django_db(transaction=True)


def test_password_reset_mail_goes_through_outbox_in_german(participant):
    client = Client()
    response = client.post(
        reverse("account_reset_password"), {"email": participant.email}
    )
    assert response.status_code == 302
    row = OutboxEmail.objects.get()
    assert row.to == participant.email
    assert row.key.startswith("allauth:account/email/password_reset_key:")
    assert participant.email not in row.key
    assert row.subject == "[Balintkreis] Passwort zurücksetzen"
    # The salutation rule (accounts/salutation.py): no form of address given.
    assert row.body_text.startswith("Guten Tag Paula Teilnehmerin,")
    assert "/konto/password/reset/key/" in row.body_text
    assert row.body_html == ""
    assert row.status == OutboxEmail.Status.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == row.subject


def test_password_reset_requested_twice_sends_twice(participant):
    client = Client()
    for _ in range(2):
        client.post(reverse("account_reset_password"), {"email": participant.email})
    assert OutboxEmail.objects.count() == 2
    assert len(mail.outbox) == 2


def test_one_request_never_sends_the_same_mail_twice(participant, rf):
    from allauth.core import context

    from balintkreis.accounts.adapter import AccountAdapter

    request = rf.get("/")
    request.user = participant
    adapter = AccountAdapter(request)
    with context.request_context(request):
        for _ in range(2):
            adapter.send_mail(
                "account/email/password_reset_key",
                participant.email,
                {"password_reset_url": "https://example.org/x", "user": participant},
            )
    assert OutboxEmail.objects.count() == 1
    assert len(mail.outbox) == 1


def test_mail_is_rendered_in_the_current_language(participant):
    client = Client()
    client.cookies["django_language"] = "en"  # English chosen on the site
    client.post(reverse("account_reset_password"), {"email": participant.email})
    row = OutboxEmail.objects.get()
    assert row.subject == "[Balintkreis] Reset your password"
