import pytest
from django.core import mail

from balintkreis.notifications import delivery, outbox
from balintkreis.notifications.models import OutboxEmail


@pytest.fixture
def email_template(tmp_path, settings):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "hello.subject.txt").write_text("Hallo {{ name }}\n")
    (folder / "hello.txt").write_text("Guten Tag, {{ name }}.")
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]},
    ]
    return "t/hello"


@pytest.mark.django_db(transaction=True)
def test_enqueue_sends_once_per_key(email_template):
    outbox.enqueue(
        to="a@example.org", template=email_template, context={"name": "Ada"}, key="k1"
    )
    outbox.enqueue(
        to="a@example.org", template=email_template, context={"name": "Ada"}, key="k1"
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Hallo Ada"
    assert OutboxEmail.objects.get().status == OutboxEmail.Status.SENT


@pytest.mark.django_db(transaction=True)
def test_failed_delivery_is_retried_later(email_template, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    email = outbox.enqueue(
        to="a@example.org", template=email_template, context={"name": "B"}, key="k2"
    )
    email.refresh_from_db()
    assert email.status == OutboxEmail.Status.PENDING
    assert email.attempts == 1
    assert email.next_attempt_at is not None
    assert delivery.deliver(email.pk) is False  # not due yet: nothing happens
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert delivery.deliver(email.pk, now=email.next_attempt_at) is True
    assert len(mail.outbox) == 1


class Person:
    def __init__(self, email: str, language: str = "") -> None:
        self.email = email
        self.language = language


def test_recipient_may_be_a_user_or_an_address():
    """Issue 14 item 3: one API; the language follows the recipient, else de."""
    assert outbox.recipient_address("a@example.org") == "a@example.org"
    assert outbox.recipient_address(Person("b@example.org")) == "b@example.org"
    assert outbox.recipient_language("a@example.org") == "de"
    assert outbox.recipient_language(Person("b@example.org")) == "de"
    assert outbox.recipient_language(Person("b@example.org", "en")) == "en"


@pytest.mark.django_db(transaction=True)
def test_enqueue_to_a_user_object(email_template):
    outbox.enqueue(
        to=Person("c@example.org"),
        template=email_template,
        context={"name": "Cy"},
        key="k-user",
    )
    assert mail.outbox[0].to == ["c@example.org"]


@pytest.mark.django_db(transaction=True)
def test_every_template_gets_site_url_and_the_recipient(tmp_path, settings):
    """The apps' old wrappers added these; enqueue now does it for every mail."""
    (tmp_path / "m.subject.txt").write_text("S")
    (tmp_path / "m.txt").write_text("{{ site_url }}|{{ recipient.email|default:'-' }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    settings.SITE_URL = "https://balint.example"
    outbox.enqueue(to=Person("d@example.org"), template="m", context={}, key="k-d")
    outbox.enqueue(to="e@example.org", template="m", context={}, key="k-e")
    bodies = [message.body for message in mail.outbox]
    assert bodies == [
        "https://balint.example|d@example.org",
        "https://balint.example|-",
    ]
