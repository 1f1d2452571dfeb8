"""notifications 0003 encrypts the bodies stored before it, and marks the
mails that carried a secret."""

import pytest
from django.core.management import call_command
from django.db import connection

from balintkreis.notifications.models import OutboxEmail


@pytest.mark.django_db(transaction=True)
def test_existing_plain_bodies_are_encrypted_and_secret_mails_marked():
    call_command("migrate", "notifications", "0002", verbosity=0)
    with connection.cursor() as cursor:
        for key, body in [
            ("allauth:reset:x", "Link: https://x/konto/passwort/key/1-abc/"),
            ("groups.inquiry.1.confirmation", "Danke für Ihre Nachricht."),
        ]:
            cursor.execute(
                'INSERT INTO notifications_outboxemail (key, "to", reply_to, '
                "subject, body_text, body_html, status, attempts, last_error, "
                "created_at) VALUES (%s, 'a@example.org', '', 'Betreff', %s, '', "
                "'sent', 1, '', CURRENT_TIMESTAMP)",
                [key, body],
            )
    call_command("migrate", "notifications", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT body_text FROM notifications_outboxemail")
        raw = [row[0] for row in cursor.fetchall()]
    assert all("https://" not in text and "Danke" not in text for text in raw)
    reset = OutboxEmail.objects.get(key="allauth:reset:x")
    assert reset.carries_secret
    assert "1-abc" in reset.body_text
    confirmation = OutboxEmail.objects.get(key="groups.inquiry.1.confirmation")
    assert not confirmation.carries_secret
    assert confirmation.body_text == "Danke für Ihre Nachricht."
