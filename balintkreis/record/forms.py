from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.cme import vnr as vnr_rules
from balintkreis.meetings.forms import DateInput
from balintkreis.record import documents, targets
from balintkreis.record.entries import FIELDS
from balintkreis.record.models import ChosenTarget, OutsideEntry


class LeaderChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class OutsideEntryForm(forms.ModelForm):
    confirming_leader = LeaderChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Leader on this platform who may confirm it"),
        empty_label=_("nobody – the secretariat confirms it"),
        help_text=_(
            "If the leader of these sessions is on this platform, they can "
            "confirm the entry; otherwise the secretariat does."
        ),
    )
    scan = forms.FileField(
        label=_("Scanned certificate (PDF, PNG or JPEG)"),
        required=False,
        help_text=_(
            "Stored encrypted; only you and whoever confirms the entry can open "
            "it. Without a scan the entry cannot be confirmed."
        ),
    )

    class Meta:
        model = OutsideEntry
        fields = list(FIELDS)
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "mode": forms.RadioSelect,
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["confirming_leader"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(leader_profile__isnull=False, is_active=True)
            .exclude(pk=user.pk)
            .order_by("last_name", "first_name")
        )
        self.fields["vnr"].help_text = _("19 digits, if the certificate shows one.")

    def clean_vnr(self) -> str:
        value = self.cleaned_data.get("vnr") or ""
        if not value.strip():
            return ""
        return vnr_rules.validate_format(value)

    def clean_scan(self) -> Any:
        upload = self.cleaned_data.get("scan")
        if upload:
            try:
                documents.check(upload)
            except documents.DocumentError as error:
                raise ValidationError(error.message) from error
        return upload

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error(
                "ended_on", _("The last date cannot be before the first date.")
            )
        return cleaned


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the person will read it)"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


def target_choices(chamber: str | None) -> list[tuple[str, str]]:
    return [(t.key, str(t.title)) for t in targets.all_targets(chamber)]


class ChooseTargetForm(forms.Form):
    key = forms.ChoiceField(label=_("Target"))
    training_started_on = forms.DateField(
        label=_("Start of your DBG leader training"),
        required=False,
        widget=DateInput(),
        help_text=ChosenTarget._meta.get_field("training_started_on").help_text,
    )

    def __init__(self, *args: Any, chamber: str | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = target_choices(chamber)  # type: ignore[attr-defined]
