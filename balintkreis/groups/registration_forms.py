"""Forms of the registration pages (apply, decide, waiting list, leaving)."""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from balintkreis.core.forms import ModelMultipleChoiceField
from balintkreis.groups.models import BalintGroup, InterestListEntry, Membership

NO_PATIENT_DATA = _("Please do not write anything about patients here.")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class ApplyForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the group leader"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        # Composed when rendered, so the text follows the person's language.
        help_text=lazy(
            lambda: (
                _(
                    "Optional: your profession, your experience with Balint groups, "
                    "questions. %(warning)s"
                )
                % {"warning": NO_PATIENT_DATA}
            ),
            str,
        )(),
    )
    confidentiality = forms.BooleanField(
        label=_(
            "I accept the confidentiality agreement: everything said about "
            "patients and colleagues in the group stays in the group."
        ),
        error_messages={
            "required": _(
                "Please accept the confidentiality agreement; it is the binding "
                "basis of the work in a Balint group."
            )
        },
    )


class AcceptForm(forms.Form):
    entry_on = forms.DateField(
        label=_("Entry date"),
        widget=DateInput(),
        help_text=_("The first session the new member attends."),
    )
    remaining_sessions = forms.IntegerField(
        label=_("Double sessions left in the running term"),
        required=False,
        min_value=0,
        max_value=60,
        help_text=_(
            "Leave empty to count the planned meetings from the entry date. "
            "A late entry pays only for these double sessions, at most the "
            "term fee."
        ),
    )
    note = forms.CharField(
        label=_("Note for the new member"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The applicant reads this reason in the e-mail."),
        error_messages={"required": _("Please give a reason for the applicant.")},
    )


class MoveForm(forms.Form):
    position = forms.IntegerField(label=_("New position"), min_value=1)
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        help_text=_("Logged with your name."),
        error_messages={"required": _("Please give a reason for the move.")},
    )


class EndMembershipForm(forms.Form):
    ended_on = forms.DateField(
        label=_("Leaving date"),
        widget=DateInput(),
        help_text=_("The first day without the group; the history is kept."),
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=200)


class CarryOverForm(forms.Form):
    next_term_starts_on = forms.DateField(
        label=_("Start of the next term"), widget=DateInput()
    )
    continuing = ModelMultipleChoiceField(
        label=_("Members who continue"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Everyone not ticked leaves at the start of the next term."),
    )

    def __init__(self, *args: object, group: BalintGroup, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        active = group.memberships.filter(ended_on__isnull=True).select_related("user")
        self.fields["continuing"].queryset = active
        self.fields["continuing"].label_from_instance = lambda m: m.user.display_name
        self.fields["continuing"].initial = list(active)


class InterestForm(forms.ModelForm):
    class Meta:
        model = InterestListEntry
        fields = ["region", "format", "note"]
        labels = {"note": _("Note (optional)")}
        help_texts = {
            "region": _("Choose “anywhere (online)” if any online group suits you.")
        }
