from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core.confidentiality import looks_identifying
from balintkreis.feedback.models import Poll
from balintkreis.feedback.polls import DEFAULT_CHOICES, DEFAULT_QUESTION

SCALE_CHOICES = [
    (1, _("1 – not at all")),
    (2, "2"),
    (3, "3"),
    (4, "4"),
    (5, _("5 – completely")),
]
NO_PATIENT_DATA = _("Please do not write any patient data: no names, dates or numbers.")


class NoPatientDataMixin(forms.Form):
    """Warns about free text that looks like patient data (DOMAIN.md R11).

    The warning blocks saving until the person confirms the text is free of
    patient data; the heuristic can be wrong, the person decides.
    """

    free_text_fields: tuple[str, ...] = ()

    confirm_no_patient_data = forms.BooleanField(
        label=_("I have checked: the text contains no patient data."),
        required=False,
    )

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("confirm_no_patient_data"):
            return cleaned
        for name in self.free_text_fields:
            reasons = looks_identifying(cleaned.get(name) or "")
            if reasons:
                self.add_error(name, " ".join(reasons))
        return cleaned


class PresenterFeedbackForm(NoPatientDataMixin):
    free_text_fields = ("what_helped", "what_was_hard")

    held_by_group = forms.TypedChoiceField(
        label=_("How held did you feel by the group?"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    held_by_leadership = forms.TypedChoiceField(
        label=_("How held did you feel by the leadership?"),
        choices=SCALE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    what_helped = forms.CharField(
        label=_("What helped you?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text=NO_PATIENT_DATA,
    )
    what_was_hard = forms.CharField(
        label=_("What was hard?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text=NO_PATIENT_DATA,
    )

    field_order = [
        "held_by_group",
        "held_by_leadership",
        "what_helped",
        "what_was_hard",
        "confirm_no_patient_data",
    ]


class LeaderNoteForm(NoPatientDataMixin):
    free_text_fields = ("text",)

    text = forms.CharField(
        label=_("Private note"),
        max_length=5000,
        widget=forms.Textarea,
        help_text=_(
            "Only you can read this note. Please do not write any patient data."
        ),
    )

    field_order = ["text", "confirm_no_patient_data"]


class FeedbackRequestForm(forms.Form):
    presenter: "forms.ModelChoiceField[User]" = forms.ModelChoiceField(
        label=_("Who presented a case?"), queryset=None, empty_label=None
    )

    def __init__(self, *args: Any, members: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["presenter"]).queryset = members


class PollForm(forms.Form):
    question = forms.CharField(
        label=_("Question"), max_length=200, initial=DEFAULT_QUESTION
    )
    choices = forms.CharField(
        label=_("Answers, one per line"),
        widget=forms.Textarea(attrs={"rows": 4}),
        initial="\n".join(DEFAULT_CHOICES),
    )

    def clean_choices(self) -> list[str]:
        lines = [
            line.strip()
            for line in self.cleaned_data["choices"].splitlines()
            if line.strip()
        ]
        if len(lines) < 2:
            raise forms.ValidationError(_("Please enter at least two answers."))
        if len(set(lines)) != len(lines):
            raise forms.ValidationError(_("Each answer may appear only once."))
        if any(len(line) > 100 for line in lines):
            raise forms.ValidationError(_("An answer may have at most 100 characters."))
        return lines


class VoteForm(forms.Form):
    choice = forms.TypedChoiceField(
        label=_("Your answer"), coerce=int, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, poll: Poll, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["choice"]).choices = [
            (c.pk, c.label) for c in poll.choices.all()
        ]
        self.fields["choice"].label = poll.question
