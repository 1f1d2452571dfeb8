from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.cme import vnr as vnr_rules
from balintkreis.cme.models import EventNumber, ReportEntry
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.forms import DateInput


class EventNumberForm(forms.ModelForm):
    """VNR with chamber, category, awarded points; the password is write-only."""

    new_password = forms.CharField(
        label=_("VNR password"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text=_(
            "Stored encrypted and never shown again. Leave empty to keep the "
            "stored password."
        ),
    )
    override_luhn = forms.BooleanField(
        label=_("Save although the check digit does not match (administrators only)"),
        required=False,
    )

    class Meta:
        model = EventNumber
        fields = [
            "vnr",
            "chamber",
            "category",
            "points",
            "valid_from",
            "valid_until",
            "meeting",
            "bescheid",
        ]
        widgets = {"valid_from": DateInput(), "valid_until": DateInput()}

    def __init__(
        self,
        *args: Any,
        group: BalintGroup,
        user: User,
        suggested: int,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        meeting = cast(forms.ModelChoiceField, self.fields["meeting"])
        meeting.queryset = group.meetings.filter(is_cancelled=False)
        # A Bescheid prints the VNR in groups ("276 0012 0242 0035 4002");
        # the length counts after normalising (clean_vnr), not as typed.
        cast(forms.CharField, self.fields["vnr"]).max_length = None
        self.fields["vnr"].validators = []
        self.fields["vnr"].widget.attrs.pop("maxlength", None)
        self.fields["vnr"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "off", "maxlength": "40"}
        )
        self.fields["points"].help_text = _(
            "As awarded by the chamber in its Bescheid. Suggestion for category C: "
            "%(points)d per date."
        ) % {"points": suggested}
        if not vnr_rules.may_override(user):
            del self.fields["override_luhn"]

    def clean_vnr(self) -> str:
        typed = self.cleaned_data["vnr"]
        if len(typed) > 40:
            raise forms.ValidationError(
                _("The VNR has exactly 19 digits; you entered %(count)d.")
                % {"count": len(vnr_rules.normalise(typed))}
            )
        return vnr_rules.validate_format(typed)


class CertificateCorrectionForm(forms.Form):
    """Why a certificate is corrected or revoked; printed on the old one."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.TextInput(),
        help_text=_("Printed on the revoked certificate. No patient data."),
    )


class VerifyForm(forms.Form):
    code = forms.CharField(label=_("Verification code"), max_length=20)


class ResolveLineForm(forms.Form):
    """How a line without a usable EFN was resolved (R4)."""

    resolution = forms.ChoiceField(
        label=_("Resolution"),
        choices=[
            (ReportEntry.Status.NO_EFN, ReportEntry.Status.NO_EFN.label),
            (
                ReportEntry.Status.PAPER_HANDED_OUT,
                ReportEntry.Status.PAPER_HANDED_OUT.label,
            ),
        ],
    )
