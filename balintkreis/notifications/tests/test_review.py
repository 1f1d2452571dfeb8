"""Mail held for review after a restore goes out only on an explicit command."""

import io

import pytest
from django.core.management import call_command

from balintkreis.notifications import delivery
from balintkreis.notifications.models import OutboxEmail

pytestmark = pytest.mark.django_db


def _rows():
    for n, status in enumerate(["pending", "sending", "sent", "failed"]):
        OutboxEmail.objects.create(
            key=f"r{n}", to="a@example.org", subject="S", body_text="T", status=status
        )


def _statuses():
    return list(OutboxEmail.objects.order_by("key").values_list("status", flat=True))


def test_held_mail_is_not_flushed_until_released(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _rows()
    out = io.StringIO()
    call_command("outbox_review", "--hold-unsent", stdout=out)
    assert "2 E-Mail(s) zur Prüfung zurückgehalten" in out.getvalue()
    assert _statuses() == ["review", "review", "sent", "failed"]
    assert delivery.flush() == 0
    held = list(
        OutboxEmail.objects.filter(status="review")
        .order_by("key")
        .values_list("pk", flat=True)
    )
    call_command("outbox_review", "--discard", str(held[1]), stdout=io.StringIO())
    call_command("outbox_review", "--send", str(held[0]), stdout=io.StringIO())
    assert _statuses() == ["pending", "failed", "sent", "failed"]
    assert delivery.flush() == 1
    assert _statuses() == ["sent", "failed", "sent", "failed"]
