import datetime
from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core.confidentiality import looks_identifying
from balintkreis.core.forms import HoneypotMixin, ModelMultipleChoiceField
from balintkreis.groups.models import BalintGroup, InterestListEntry, Membership

PROFESSION_CHOICES = [
    ("", _("Please choose")),
    *User.Profession.choices,
    ("other", _("other profession")),
]


class CatalogueFilterForm(forms.Form):
    """The catalogue's GET filters; every field is optional."""

    city = forms.ChoiceField(label=_("City"), required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        required=False,
        choices=[("", _("all formats")), *BalintGroup.Format.choices],
    )
    weekday = forms.TypedChoiceField(
        label=_("Weekday"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("all weekdays")), *BalintGroup.Weekday.choices],
    )
    free_only = forms.BooleanField(
        label=_("only groups with free places"), required=False
    )

    def __init__(self, *args: Any, cities: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["city"]).choices = [
            ("", _("all cities"))
        ] + [(c, c) for c in cities]

    def filter(self, groups: QuerySet) -> QuerySet:
        """Apply the valid filters; an invalid value is ignored, not an error page."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("city"):
            groups = groups.filter(city=data["city"])
        if data.get("format"):
            groups = groups.filter(format=data["format"])
        if data.get("weekday") is not None:
            groups = groups.filter(weekday=data["weekday"])
        if data.get("free_only"):
            # A group that shows its places only on request may have some.
            groups = groups.filter(
                Q(free_places__gt=0) | Q(fee_and_places_on_request=True)
            )
        return groups


class ContactForm(HoneypotMixin, forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        max_length=120,
        error_messages={"required": _("Please enter your name.")},
    )
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We answer to this address."),
        error_messages={
            "required": _("Please enter your e-mail address so that we can answer."),
            "invalid": _(
                "Please enter a complete e-mail address, for example "
                "name@praxis-beispiel.de."
            ),
        },
    )
    profession = forms.ChoiceField(
        label=_("Profession"),
        choices=PROFESSION_CHOICES,
        error_messages={"required": _("Please choose your profession.")},
    )
    group = forms.ModelChoiceField(
        label=_("Group (optional)"),
        required=False,
        queryset=BalintGroup.objects.exclude(status=BalintGroup.Status.CLOSED),
        to_field_name="slug",
        empty_label=_("no particular group"),
    )
    message = forms.CharField(
        label=_("Your message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Please write your message.")},
        help_text=_(
            "Please do not include any patient data. Tell us, for example, which "
            "training you are aiming for or which dates suit you."
        ),
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are processed to answer my message"),
        help_text=_(
            "We use your details only to answer you, as described in the privacy "
            "notice linked below."
        ),
        error_messages={
            "required": _(
                "Please agree to the privacy notice so that we may answer you."
            )
        },
    )

    field_order = [
        "name",
        "email",
        "profession",
        "group",
        "message",
        "confirm_no_patient_data",
        "consent",
        "website",
    ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The confirmation appears only once the message looks like it names a
        # patient (DOMAIN.md R11); most people never see it.
        if self.is_bound and looks_identifying(self.data.get("message", "")):
            self.fields["confirm_no_patient_data"] = forms.BooleanField(
                label=_("My message contains no patient data"),
                required=False,
            )
            self.order_fields(self.field_order)

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        reasons = looks_identifying(cleaned.get("message", ""))
        if reasons and not cleaned.get("confirm_no_patient_data"):
            warning = _(
                "Your message may identify a patient. Please remove these details, "
                "or confirm below that they are not patient data."
            )
            self.add_error("message", " ".join([str(warning), *reasons]))
        return cleaned


# Registration pages: apply, decide, waiting list, leaving.

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

    def __init__(
        self, *args: Any, meeting_days: Sequence[datetime.date] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if meeting_days:
            # A real meeting date: pick from the group's planned meetings.
            self.fields["entry_on"] = forms.TypedChoiceField(
                label=_("Entry date"),
                choices=[
                    (day.isoformat(), date_format(day, "l, d.m.Y"))
                    for day in meeting_days
                ],
                coerce=datetime.date.fromisoformat,
                help_text=_(
                    "The first meeting the new member attends, chosen from the "
                    "group's planned meetings."
                ),
            )
            initial = self.initial.get("entry_on")
            if initial in meeting_days:
                self.initial["entry_on"] = initial.isoformat()


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

    def __init__(self, *args: Any, group: BalintGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        active = group.memberships.filter(ended_on__isnull=True).select_related("user")
        continuing = cast(ModelMultipleChoiceField, self.fields["continuing"])
        continuing.queryset = active
        # Overriding the label on the instance, as Django's documentation shows;
        # mypy refuses any assignment to a method.
        continuing.label_from_instance = lambda m: m.user.display_name  # type: ignore[method-assign,assignment]
        continuing.initial = list(active)


class InterestForm(forms.ModelForm):
    class Meta:
        model = InterestListEntry
        fields = ["region", "format", "note"]
        labels = {"note": _("Note (optional)")}
        help_texts = {
            "region": _("Choose “anywhere (online)” if any online group suits you.")
        }


class InquiryReplyForm(forms.Form):
    """The secretariat's answer to an inquiry; text blocks about a group can be
    inserted into it before sending (views/secretariat.py)."""

    body = forms.CharField(
        label=_("Your reply"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": _("Please write a reply before sending it.")},
        help_text=_(
            "The salutation and the secretariat's signature are added to the "
            "e-mail; the reply is written in the language of the inquiry."
        ),
    )
    group = forms.ModelChoiceField(
        label=_("Group for the text blocks"),
        required=False,
        queryset=BalintGroup.objects.exclude(status=BalintGroup.Status.CLOSED),
        to_field_name="slug",
        empty_label=_("Please choose a group"),
        help_text=_("Fee, free places and entry dates are taken from this group."),
    )


def append_block(text: str, block: str) -> str:
    """The reply with ``block`` added as a new paragraph, keeping what was typed."""
    text = text.rstrip()
    return f"{text}\n\n{block}" if text else block
