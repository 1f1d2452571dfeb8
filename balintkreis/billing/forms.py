import datetime
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balintkreis.billing.models import BillingAddress, FeeAgreement


class BillingAddressForm(forms.ModelForm):
    class Meta:
        model = BillingAddress
        fields = [
            "kind",
            "organisation",
            "street",
            "postal_code",
            "city",
            "country",
            "invoice_email",
            "buyer_reference",
            "vat_id",
        ]
        widgets = {"kind": forms.RadioSelect}

    def clean_country(self) -> str:
        country: str = self.cleaned_data["country"].strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise forms.ValidationError(
                _("Please enter the two-letter country code, e.g. DE.")
            )
        return country

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        if data.get("kind") == BillingAddress.Kind.PRACTICE and not data.get(
            "organisation"
        ):
            self.add_error(
                "organisation",
                _("Please enter the name of the practice or clinic."),
            )
        return data


class FeeAgreementForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Agreement"),
        choices=FeeAgreement.Kind.choices,
        widget=forms.RadioSelect,
    )
    reduction_percent = forms.DecimalField(
        label=_("Reduction (%)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("Only for a reduced rate, e.g. 50 for half the fee."),
    )
    amount = forms.DecimalField(
        label=_("Fixed amount (EUR, net)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Only for a fixed amount: per term or supervision invoice."),
    )
    note = forms.CharField(
        label=_("Note (internal)"),
        required=False,
        max_length=500,
        help_text=_("E.g. “physician in training, agreed by phone”."),
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        kind = data.get("kind")
        if kind == FeeAgreement.Kind.REDUCED and data.get("reduction_percent") is None:
            self.add_error(
                "reduction_percent", _("Please enter the reduction in percent.")
            )
        if kind == FeeAgreement.Kind.FIXED and data.get("amount") is None:
            self.add_error("amount", _("Please enter the agreed amount."))
        return data


class CancelForm(forms.Form):
    """The reason is printed on the cancellation invoice and its e-invoice."""

    reason = forms.CharField(
        label=_("Reason (printed on the cancellation invoice)"),
        max_length=300,
        error_messages={
            "required": _("Please enter the reason for the cancellation."),
            "max_length": _("Please keep the reason to %(limit_value)d characters."),
        },
    )

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"]
        if any(ord(char) < 32 or ord(char) == 127 for char in reason):
            raise forms.ValidationError(
                _("Please remove the control characters from the reason.")
            )
        return reason


class SupervisionInvoiceForm(forms.Form):
    period_from = forms.DateField(
        label=_("Period from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_until = forms.DateField(
        label=_("Period until"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data: dict[str, Any] = super().clean() or {}
        start: datetime.date | None = data.get("period_from")
        end: datetime.date | None = data.get("period_until")
        if start and end and end < start:
            self.add_error("period_until", _("The period ends before it begins."))
        return data


class TermIssueForm(forms.Form):
    """The memberships ticked in the preview."""

    memberships = forms.TypedMultipleChoiceField(
        label=_("Invoices to issue"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Please tick at least one member.")},
    )

    def __init__(
        self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["memberships"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = choices
