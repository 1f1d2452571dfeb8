import datetime
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.payments import sepa
from balintkreis.payments.models import Payment

# A day's CAMT.053 of a small institute is a few kilobytes; a year is well
# under a megabyte.
MAX_STATEMENT_BYTES = 5 * 1024 * 1024


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class PaymentForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=DateInput())
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        max_digits=10,
        decimal_places=2,
        help_text=_("A negative amount records money paid back."),
    )
    method = forms.ChoiceField(label=_("Method"), choices=Payment.Method.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def clean_amount(self) -> Decimal:
        amount: Decimal = self.cleaned_data["amount"]
        if amount == 0:
            raise ValidationError(_("Please enter an amount other than 0."))
        return amount


class StatementForm(forms.Form):
    file = forms.FileField(
        label=_("Account statement (CAMT.053, XML)"),
        help_text=_(
            "In your online banking, export the statement as CAMT.053 (XML). "
            "Statements imported before are recognised: nothing is booked twice."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_STATEMENT_BYTES:
            raise ValidationError(_("The file is larger than 5 MB."))
        return upload


class AssignForm(forms.Form):
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=20)
    amount = forms.DecimalField(
        label=_("Amount (EUR)"),
        max_digits=10,
        decimal_places=2,
        required=False,
        min_value=Decimal("0.01"),
        help_text=_("Leave empty to book the whole amount of the booking."),
    )


class MandateForm(forms.Form):
    account_holder = forms.CharField(label=_("Account holder"), max_length=70)
    iban = forms.CharField(
        label=_("IBAN"),
        max_length=42,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    bic = forms.CharField(
        label=_("BIC (optional)"),
        max_length=14,
        required=False,
        help_text=_("Only needed for accounts outside Germany."),
    )
    consent = forms.BooleanField(
        label=_("I give the SEPA direct debit mandate above."), required=True
    )

    def clean_iban(self) -> str:
        return sepa.validate_iban(self.cleaned_data["iban"])

    def clean_bic(self) -> str:
        return sepa.validate_bic(self.cleaned_data["bic"])


class CollectionForm(forms.Form):
    collection_on = forms.DateField(label=_("Collection date"), widget=DateInput())
    invoices = forms.TypedMultipleChoiceField(
        label=_("Invoices to collect"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please select at least one invoice.")},
    )

    def __init__(
        self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["invoices"]).choices = choices


def last_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    until = today.replace(day=1) - datetime.timedelta(days=1)
    return until.replace(day=1), until


class PeriodForm(forms.Form):
    period_from = forms.DateField(label=_("From"), widget=DateInput())
    period_until = forms.DateField(label=_("Until"), widget=DateInput())

    def __init__(self, data: Any = None, **kwargs: Any) -> None:
        start, end = last_month(timezone.localdate())
        kwargs.setdefault("initial", {"period_from": start, "period_until": end})
        super().__init__(data, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_from"), cleaned.get("period_until")
        if start and end and end < start:
            raise ValidationError(_("The period ends before it begins."))
        return cleaned
