"""Payments of invoices, bank statements, SEPA mandates and collections.

An invoice (billing) never changes; whether it is paid is computed from its
``Payment`` rows (``payments/status.py``). Payments are bookkeeping records
(kept 10 years, § 147 AO) and are corrected by a counter-entry (a negative
amount), never edited.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balintkreis.billing.models import Invoice
from balintkreis.core.fields import EncryptedTextField


class SepaMandateQuerySet(models.QuerySet["SepaMandate"]):
    def active(self) -> "SepaMandateQuerySet":
        return self.filter(revoked_at__isnull=True)


class SepaMandate(models.Model):
    """A member's SEPA core direct debit mandate (SEPA-Lastschriftmandat).

    The IBAN is stored encrypted (``EncryptedTextField``); lists show only its
    last four characters (``iban_end``). A person has at most one active
    mandate; revoking keeps the row, because the mandate must be shown to
    the bank for 14 months after its last use.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="sepa_mandates",
    )
    reference = models.CharField(_("mandate reference"), max_length=35, unique=True)
    account_holder = models.CharField(_("account holder"), max_length=70)
    iban = EncryptedTextField(_("IBAN"))
    iban_end = models.CharField(_("IBAN ending"), max_length=4)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    signed_on = models.DateField(_("date of signature"))
    # The text the person agreed to, and when (proof of the mandate).
    text_version = models.CharField(_("mandate text version"), max_length=20)
    created_at = models.DateTimeField(_("given at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SepaMandateQuerySet.as_manager()

    class Meta:
        verbose_name = _("SEPA mandate")
        verbose_name_plural = _("SEPA mandates")
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(revoked_at__isnull=True),
                name="sepa_mandate_one_active_per_person",
            )
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def masked_iban(self) -> str:
        # Lists show the ending only: decrypting every IBAN is not needed.
        return f"···· {self.iban_end}"


class BankStatement(models.Model):
    """One imported CAMT.053 file: its entries are kept, the file is not."""

    statement_id = models.CharField(_("statement id"), max_length=35, blank=True)
    account_iban = models.CharField(_("account"), max_length=34, blank=True)
    file_name = models.CharField(_("file name"), max_length=200)
    imported_at = models.DateTimeField(_("imported at"), auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bank statement")
        verbose_name_plural = _("bank statements")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return self.statement_id or self.file_name


class StatementEntryQuerySet(models.QuerySet["StatementEntry"]):
    def to_review(self) -> "StatementEntryQuerySet":
        return self.filter(state=StatementEntry.State.REVIEW)


class StatementEntry(models.Model):
    """One booked transaction of a statement and what became of it.

    ``key`` identifies the transaction across imports (camt.BookingEntry.key),
    so importing a statement twice, or two overlapping statements, records
    no payment twice. The counterparty's name and IBAN are encrypted.
    """

    class State(models.TextChoices):
        MATCHED = "matched", _("matched automatically")
        REVIEW = "review", _("to review")
        ASSIGNED = "assigned", _("assigned by hand")
        IGNORED = "ignored", _("ignored")
        SKIPPED = "skipped", _("not a payment")

    class Reason(models.TextChoices):
        # The values of matching.Reason, with the text the secretariat reads.
        PARTIAL = "partial", _("partial payment")
        OVERPAID = "overpaid", _("more than the open amount")
        ALREADY_PAID = "already_paid", _("invoice already paid")
        CANCELLED = "cancelled", _("invoice cancelled")
        SEVERAL = "several", _("several invoices, amount does not fit")
        UNKNOWN_NUMBER = "unknown_number", _("unknown invoice number")
        NO_NUMBER = "no_number", _("no invoice number in the purpose")
        CURRENCY = "currency", _("not in euros")
        RETURNED_DEBIT = "returned_debit", _("returned direct debit")

    statement = models.ForeignKey(
        BankStatement,
        verbose_name=_("bank statement"),
        on_delete=models.CASCADE,
        related_name="entries",
    )
    key = models.CharField(max_length=32, unique=True)
    booked_on = models.DateField(_("booked on"))
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    is_credit = models.BooleanField(_("incoming"))
    remittance = models.TextField(_("purpose"), blank=True)
    counterparty_name = EncryptedTextField(_("name"), blank=True)
    counterparty_iban = EncryptedTextField(_("IBAN"), blank=True)
    end_to_end_id = models.CharField(_("end-to-end id"), max_length=35, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices)
    reason = models.CharField(
        _("reason"), max_length=20, choices=Reason.choices, blank=True
    )
    # Invoices the matching suggests (pks), offered first on the review page.
    candidates = models.JSONField(default=list, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = StatementEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement entry")
        verbose_name_plural = _("statement entries")
        ordering = ["booked_on", "pk"]

    def __str__(self) -> str:
        return f"{self.booked_on} {self.amount} {self.currency}"


class Payment(models.Model):
    """Money received for an invoice (or given back: a negative amount)."""

    class Method(models.TextChoices):
        TRANSFER = "transfer", _("bank transfer")
        CASH = "cash", _("cash")
        DIRECT_DEBIT = "direct_debit", _("direct debit")
        OTHER = "other", _("other")

    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount (EUR)"), max_digits=10, decimal_places=2)
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    statement_entry = models.ForeignKey(
        StatementEntry,
        verbose_name=_("bank statement entry"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="payments",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        ordering = ["paid_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(amount=0), name="payment_amount_not_zero"
            ),
            # One entry pays an invoice once (several invoices: one row each).
            models.UniqueConstraint(
                fields=["statement_entry", "invoice"],
                name="payment_one_per_entry_and_invoice",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} {self.paid_on} {self.amount}"


class PaymentReminder(models.Model):
    """A friendly reminder sent for an invoice; one per invoice and stage
    (stage n = the n-th day of PAYMENT_REMINDER_DAYS)."""

    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="payment_reminders",
    )
    stage = models.PositiveSmallIntegerField(_("stage"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("payment reminder")
        verbose_name_plural = _("payment reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "stage"], name="payment_reminder_once_per_stage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invoice} ({self.stage})"


class DirectDebitBatch(models.Model):
    """One pain.008 file handed to the bank. The XML holds IBANs, so it is
    stored encrypted; it can be downloaded again until the collection date."""

    collection_on = models.DateField(_("collection date"))
    message_id = models.CharField(_("message id"), max_length=35, blank=True)
    xml = EncryptedTextField(_("pain.008 file"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("direct debit file")
        verbose_name_plural = _("direct debit files")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.collection_on} ({self.pk})"


class DirectDebit(models.Model):
    """One invoice collected in a batch under a mandate."""

    batch = models.ForeignKey(
        DirectDebitBatch,
        verbose_name=_("direct debit file"),
        on_delete=models.CASCADE,
        related_name="debits",
    )
    invoice = models.ForeignKey(
        Invoice,
        verbose_name=_("invoice"),
        on_delete=models.PROTECT,
        related_name="direct_debits",
    )
    mandate = models.ForeignKey(
        SepaMandate,
        verbose_name=_("SEPA mandate"),
        on_delete=models.PROTECT,
        related_name="debits",
    )
    amount = models.DecimalField(_("amount"), max_digits=10, decimal_places=2)
    sequence = models.CharField(_("sequence"), max_length=4)

    class Meta:
        verbose_name = _("direct debit")
        verbose_name_plural = _("direct debits")
        constraints = [
            models.UniqueConstraint(
                fields=["invoice", "batch"], name="direct_debit_once_per_batch"
            )
        ]

    def __str__(self) -> str:
        return f"{self.invoice} {self.amount}"
