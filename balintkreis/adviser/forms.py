from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from balintkreis.adviser.advice import Answers, Goal, Mode, Profession, Specialty
from balintkreis.core.regions import Region
from balintkreis.groups.models import BalintGroup

# More double sessions than a leader training needs are not a sensible answer.
MAX_COMPLETED = 300


class AdviserForm(forms.Form):
    """The adviser's questions, sent by GET: the answer has a shareable
    address and nothing is stored."""

    profession = forms.ChoiceField(
        label=_("Your profession"),
        choices=[("", _("please choose")), *Profession.choices],
        error_messages={"required": _("Please choose your profession.")},
    )
    specialty = forms.ChoiceField(
        label=_("Specialty or training"),
        required=False,
        choices=[("", _("none / not applicable")), *Specialty.choices],
        help_text=_("For physicians: your specialty or the one you train in."),
    )
    in_training = forms.ChoiceField(
        label=_("Are you in specialist training (Weiterbildung)?"),
        required=False,
        choices=[("no", _("no")), ("yes", _("yes"))],
        widget=forms.RadioSelect,
        initial="no",
    )
    goal = forms.ChoiceField(
        label=_("What is your goal?"),
        choices=Goal.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose your goal.")},
    )
    completed = forms.IntegerField(
        label=_("Balint double sessions you have already completed"),
        required=False,
        min_value=0,
        max_value=MAX_COMPLETED,
        initial=0,
        help_text=_("One double session is 90 minutes. Enter 0 if none yet."),
        error_messages={
            "invalid": _("Please enter a whole number, for example 4."),
            "min_value": _("Please enter 0 or more."),
            "max_value": _("Please enter at most %(limit_value)s."),
        },
    )
    mode = forms.ChoiceField(
        label=_("How would you like to take part?"),
        choices=Mode.choices,
        widget=forms.RadioSelect,
        initial=Mode.BOTH,
        required=False,
    )
    region = forms.ChoiceField(
        label=_("Federal state"),
        required=False,
        choices=[("", _("anywhere")), *Region.choices],
    )
    city = forms.CharField(
        label=_("City (optional)"),
        required=False,
        max_length=80,
        help_text=_("Groups in this city are shown first."),
    )
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Weekdays that suit you (optional)"),
        required=False,
        coerce=int,
        choices=BalintGroup.Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("in_training", "goal", "mode", "weekdays"):
            self.fields[name].widget.attrs["class"] = "choices"

    def answers(self) -> Answers:
        """The valid answers (call after ``is_valid()``)."""
        data = self.cleaned_data
        return Answers(
            profession=data["profession"],
            goal=data["goal"],
            specialty=data["specialty"],
            in_training=data["in_training"] == "yes",
            completed=data["completed"] or 0,
            mode=data["mode"] or Mode.BOTH,
            region=data["region"],
            city=data["city"].strip(),
            weekdays=frozenset(data["weekdays"]),
        )
