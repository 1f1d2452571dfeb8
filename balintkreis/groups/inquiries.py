"""Contact messages: the secretariat's inbox (DESIGN.md "Find a group")."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import BalintGroup, Inquiry
from balintkreis.notifications import outbox


class AlreadyAnswered(RuleError):
    pass


def submit_inquiry(
    *,
    name: str,
    email: str,
    profession: str,
    message: str,
    consent_version: str,
    group: BalintGroup | None = None,
    language: str = "de",
) -> Inquiry:
    """Store a contact message and queue two e-mails in the same transaction.

    The secretariat gets the message with Reply-To set to the sender, and the
    sender gets a confirmation. The privacy notice version the sender agreed
    to is stored with the inquiry (DOMAIN.md R11).
    """
    with transaction.atomic():
        inquiry = Inquiry(
            name=name,
            email=email,
            profession=profession,
            group=group,
            message=message,
            consent_version=consent_version,
        )
        inquiry.full_clean()
        inquiry.save()
        context = {"inquiry": inquiry}
        outbox.enqueue(
            to=settings.SECRETARIAT_EMAIL,
            reply_to=inquiry.email,
            template="groups/email/inquiry_secretariat",
            context=context,
            key=f"groups.inquiry.{inquiry.pk}.secretariat",
        )
        outbox.enqueue(
            to=inquiry.email,
            template="groups/email/inquiry_confirmation",
            context=context,
            key=f"groups.inquiry.{inquiry.pk}.confirmation",
            language=language,
        )
        audit.record(None, "groups.inquiry.received", inquiry)
    return inquiry


def mark_answered(inquiry: Inquiry, *, by: User) -> Inquiry:
    """Set a new inquiry to answered, once; a second call raises AlreadyAnswered.

    A conditional UPDATE, so two secretaries clicking at once record one answer.
    """
    now = timezone.now()
    with transaction.atomic():
        changed = Inquiry.objects.filter(
            pk=inquiry.pk, status=Inquiry.Status.NEW
        ).update(status=Inquiry.Status.ANSWERED, answered_at=now)
        if not changed:
            raise AlreadyAnswered(_("This inquiry was already marked as answered."))
        audit.record(by, "groups.inquiry.answered", inquiry)
    inquiry.refresh_from_db()
    return inquiry
