from typing import Any, cast

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts import consent
from balintkreis.accounts import efn as efn_rules
from balintkreis.accounts.models import LeaderProfile, User


def _mail_language(code: str | None) -> str:
    available = {language for language, _name in settings.LANGUAGES}
    code = (code or "")[:2]
    return code if code in available else settings.LANGUAGE_CODE


class SignupExtraForm(forms.Form):
    """Extra fields on allauth's sign-up form: names and consent (R11)."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    accept_privacy = forms.BooleanField(
        label=_(
            "I have read the privacy notice and agree to the processing of my data."
        ),
        error_messages={
            "required": _("Please agree to the privacy notice to register.")
        },
    )

    # allauth adds e-mail and passwords; names first reads naturally.
    field_order = [
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
        "accept_privacy",
    ]

    def signup(self, request: HttpRequest, user: User) -> None:
        user.first_name = self.cleaned_data["first_name"]
        user.last_name = self.cleaned_data["last_name"]
        # Mails follow the language the person registered in (changeable in
        # the profile).
        user.language = _mail_language(translation.get_language())
        user.save(update_fields=["first_name", "last_name", "language"])
        consent.record_privacy(user, version=settings.PRIVACY_NOTICE_VERSION)


class EfnInput(forms.TextInput):
    """Text input that takes typing and barcode scanners ("keyboard wedge")."""

    def __init__(self) -> None:
        super().__init__(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "spellcheck": "false",
                # Scanners send the digits plus Enter; efn-scan.js keeps that
                # Enter from submitting the form half-filled.
                "data-efn-input": "",
                "maxlength": "24",
                "class": "efn-input",
            }
        )


class ProfileForm(forms.ModelForm):
    """The person's own profile; the EFN is validated by DOMAIN.md R1."""

    class Meta:
        model = User
        fields = [
            "form_of_address",
            "title",
            "first_name",
            "last_name",
            "profession",
            "specialty",
            "chamber",
            "efn",
            "phone",
            # E-mail settings: language and the reminder before each meeting.
            "language",
            "meeting_reminders",
        ]
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "given-name"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "family-name"}),
            "efn": EfnInput(),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }
        help_texts = {
            "efn": _(
                "15 digits, printed on your Fortbildungsausweis and on the barcode "
                "stickers from your chamber. You may type it with or without "
                "spaces, or read it in with a barcode scanner."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        chamber = cast(forms.ModelChoiceField, self.fields["chamber"])
        chamber.empty_label = _("(no chamber / not yet known)")
        self.fields["language"].required = False
        cast(forms.ChoiceField, self.fields["profession"]).choices = [
            ("", _("Please choose")),
            *User.Profession.choices,
        ]

    def clean_language(self) -> str:
        # Not required: a form sent without it keeps the language chosen before.
        return self.cleaned_data.get("language") or self.instance.language or "de"

    def clean_efn(self) -> str:
        value = self.cleaned_data.get("efn", "")
        if not value or not value.strip():
            return ""
        return efn_rules.validate(value)


class LeaderProfileForm(forms.ModelForm):
    """What a leader tells participants and the chamber about themselves (R8)."""

    class Meta:
        model = LeaderProfile
        fields = [
            "qualification",
            "dbg_recognised_on",
            "dbg_number",
            "chamber_recognition",
            "is_balint_ifa",
            "biography",
        ]
        widgets = {
            "dbg_recognised_on": forms.DateInput(
                attrs={"type": "date"}, format="%Y-%m-%d"
            ),
        }


class DeleteAccountForm(forms.Form):
    """Deleting one's account needs the password (issue 7)."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("The password is not correct. Please try again."),
                code="wrong_password",
            )
        return password
