from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts import consent
from balintkreis.accounts import efn as efn_rules
from balintkreis.accounts.models import User


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form: names and consent (R11)."""

    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    accept_privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree to the processing of my data."
        ),
        error_messages={
            "required": _("Please agree to the privacy notice to register.")
        },
    )

    def signup(self, request: HttpRequest, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        user.save(update_fields=["first_name", "last_name"])
        consent.record_privacy(user, version=settings.PRIVACY_NOTICE_VERSION)


class ProfileForm(forms.ModelForm):
    """The person's own profile; the EFN is validated by DOMAIN.md R1."""

    class Meta:
        model = User
        fields = [
            "title",
            "first_name",
            "last_name",
            "profession",
            "specialty",
            "chamber",
            "efn",
            "phone",
        ]
        widgets = {
            "efn": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "autocomplete": "off",
                    "spellcheck": "false",
                }
            ),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def clean_efn(self) -> str:
        value = self.cleaned_data.get("efn", "")
        if not value:
            return ""
        return efn_rules.validate(value)
