from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balintkreis.core.confidentiality import looks_identifying
from balintkreis.core.forms import ModelMultipleChoiceField
from balintkreis.core.regions import Region
from balintkreis.mentoring.models import (
    MentoringRequest,
    MentoringSession,
    MentorProfile,
    SupervisionTerms,
    Topic,
)


class TopicField(ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Topics"))
        super().__init__(queryset=Topic.objects.all(), **kwargs)


class MentorProfileForm(forms.ModelForm):
    topics = TopicField(help_text=_("The organisational topics you can advise on."))
    consent = forms.BooleanField(
        label=_(
            "I agree that my name, e-mail address, phone number and this profile "
            "are shown to logged-in members in the mentor directory and handed out "
            "by the secretariat on request. I can withdraw at any time."
        ),
        required=True,
    )

    class Meta:
        model = MentorProfile
        fields = [
            "biography",
            "years_leading",
            "region",
            "city",
            "mode",
            "topics",
            "is_accepting",
            "max_mentees",
        ]
        widgets = {"biography": forms.Textarea(attrs={"rows": 5})}


class DirectoryFilterForm(forms.Form):
    region = forms.ChoiceField(
        label=_("Federal state"),
        required=False,
        choices=[("", _("all"))] + list(Region.choices),
    )
    topic = forms.ChoiceField(
        label=_("Topic"),
        required=False,
        choices=[("", _("all"))] + list(Topic.Code.choices),
    )
    online = forms.BooleanField(label=_("online possible"), required=False)
    accepting = forms.BooleanField(label=_("accepting mentees"), required=False)


class MentoringRequestForm(forms.ModelForm):
    topics = TopicField(help_text=_("What would you like to talk about?"))

    class Meta:
        model = MentoringRequest
        fields = ["situation", "topics", "message"]
        widgets = {
            "situation": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "message": _(
                "Introduce yourself briefly and describe your plans. "
                "Please do not include any patient data."
            )
        }


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional, the mentee will read it)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ConfidentialNotesMixin(forms.Form):
    """Asks for a confirmation when the notes look like they name a patient
    (DOMAIN.md R11)."""

    confirm_no_patient_data = forms.BooleanField(
        label=_("I confirm that this text contains no patient data."),
        required=False,
        help_text=_(
            "Only needed when the platform warns that the text may name a patient."
        ),
    )
    notes_field = "notes"

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        reasons = looks_identifying(cleaned.get(self.notes_field, ""))
        if reasons and not cleaned.get("confirm_no_patient_data"):
            self.add_error(
                self.notes_field,
                " ".join(
                    [
                        str(
                            _(
                                "This text may identify a patient. Please remove "
                                "the details, or confirm below that they are not patient data."
                            )
                        ),
                        *reasons,
                    ]
                ),
            )
        return cleaned


class SessionForm(ConfidentialNotesMixin, forms.ModelForm):
    topics = TopicField(required=False)

    class Meta:
        model = MentoringSession
        fields = ["held_on", "format", "duration_minutes", "topics", "notes"]
        widgets = {
            "held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "format": forms.RadioSelect,
            "notes": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "notes": _(
                "Only you and your mentoring partner can read the notes, never "
                "the secretariat. No patient data: no names, dates of birth or "
                "insurance numbers."
            )
        }

    field_order = [
        "held_on",
        "format",
        "duration_minutes",
        "topics",
        "notes",
        "confirm_no_patient_data",
    ]


class EndForm(ConfidentialNotesMixin, forms.Form):
    feedback = forms.CharField(
        label=_("Short closing feedback"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "What helped, what was missing? Only you two can read it. No patient data."
        ),
    )
    notes_field = "feedback"
    field_order = ["feedback", "confirm_no_patient_data"]


class TermsForm(forms.ModelForm):
    class Meta:
        model = SupervisionTerms
        fields = ["fee_per_session", "frequency", "starts_on", "notes"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "notes": _(
                "For example length of a session, cancellation, invoice. "
                "No patient data."
            )
        }


class ConfirmTermsForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)


class FaqSearchForm(forms.Form):
    q = forms.CharField(label=_("Search the FAQ"), required=False, max_length=100)
