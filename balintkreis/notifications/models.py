from django.db import models
from django.utils.translation import gettext_lazy as _

from balintkreis.core import dates
from balintkreis.core.fields import EncryptedTextField


class OutboxEmail(models.Model):
    """An e-mail waiting to be sent, or sent. Rows are written inside the rule's
    transaction; the worker delivers them, so a failing SMTP server delays mail
    but loses none, and the unique ``key`` keeps any mail from going out twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        # Pending or being sent when the backup was taken that was restored:
        # perhaps already delivered, so sent only on an explicit command.
        REVIEW = "review", _("held for review after a restore")

    key = models.CharField(_("idempotency key"), max_length=200, unique=True)
    to = models.EmailField(_("recipient"))
    reply_to = models.EmailField(_("reply to"), blank=True)
    subject = models.CharField(_("subject"), max_length=250)
    body_text = EncryptedTextField(_("text"))
    body_html = EncryptedTextField(_("HTML"), blank=True)
    # JSON list of {"filename", "mimetype", "content" (base64)}; encrypted
    # like the bodies (a calendar entry names place and online link).
    attachments = EncryptedTextField(_("attachments"), blank=True)
    carries_secret = models.BooleanField(
        _("carries a secret"),
        default=False,
        help_text=_("A link or code that grants access; the text is never shown."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # Set with each claim; only the claimant may mark the row sent or failed.
    claim_token = models.CharField(_("claim token"), max_length=32, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.to}: {self.subject}"


class ScheduledRun(models.Model):
    """One slot of one periodic job, recorded before its task is enqueued.

    The unique constraint makes a second scheduler (or a restarted one) skip a
    slot that was already enqueued, so no job runs twice for the same slot.
    """

    job = models.CharField(_("job"), max_length=100)
    slot = models.DateTimeField(_("slot"))
    created_at = models.DateTimeField(_("enqueued at"), auto_now_add=True)

    class Meta:
        verbose_name = _("scheduled run")
        verbose_name_plural = _("scheduled runs")
        ordering = ["-slot"]
        constraints = [
            models.UniqueConstraint(
                fields=["job", "slot"], name="scheduled_run_once_per_slot"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.job} @ {dates.local(self.slot):%Y-%m-%d %H:%M}"
