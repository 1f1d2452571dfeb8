import datetime
import hashlib
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import confidentiality
from balintkreis.core.regions import Region
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import days_off
from balintkreis.meetings.models import Attendance, Meeting
from balintkreis.meetings.series import Rhythm, SeriesPlan

RHYTHMS = [
    (Rhythm.WEEKLY, _("weekly")),
    (Rhythm.BIWEEKLY, _("every two weeks")),
    (Rhythm.MONTHLY, _("monthly on the n-th weekday")),
    (Rhythm.BLOCK, _("block Saturdays (monthly)")),
]
NTH = [
    (1, _("first")),
    (2, _("second")),
    (3, _("third")),
    (4, _("fourth")),
    (-1, _("last")),
]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class SeriesForm(forms.Form):
    rhythm = forms.ChoiceField(label=_("Rhythm"), choices=RHYTHMS)
    first_on = forms.DateField(
        label=_("First date"),
        widget=DateInput(),
        help_text=_("Monthly series use this date's weekday (block: Saturday)."),
    )
    nth = forms.TypedChoiceField(
        label=_("Which weekday of the month"),
        choices=NTH,
        coerce=int,
        initial=1,
        help_text=_("Only for monthly series and block Saturdays."),
    )
    count = forms.IntegerField(label=_("Number of dates"), min_value=1, max_value=60)
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    double_sessions = forms.IntegerField(
        label=_("Double sessions per date"), min_value=1, max_value=4, initial=1
    )
    format = forms.ChoiceField(label=_("Format"), choices=Meeting.Format.choices)
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=200,
        help_text=_("Room and address; leave empty for online meetings."),
    )
    state = forms.ChoiceField(
        label=_("Federal state for holidays"),
        choices=[("", _("none (nationwide public holidays only)"))]
        + list(Region.choices),
        required=False,
        help_text=_("The preview warns about its public holidays and school holidays."),
    )

    def fingerprint(self) -> str:
        """Identifies the previewed input, so "Create meetings" creates
        exactly what the preview showed."""
        data = sorted((k, str(v)) for k, v in self.cleaned_data.items())
        return hashlib.sha256(repr(data).encode()).hexdigest()[:20]

    def plan(self) -> SeriesPlan:
        data = {k: v for k, v in self.cleaned_data.items() if k != "state"}
        return SeriesPlan(**data)

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("format") == Meeting.Format.IN_PERSON and not data.get("place"):
            self.add_error(
                "place", _("Please enter the place of the in-person meetings.")
            )
        return data

    @staticmethod
    def initial_for(group: BalintGroup) -> dict:
        rhythm = group.rhythm if group.rhythm in dict(RHYTHMS) else Rhythm.BIWEEKLY
        return {
            "rhythm": rhythm,
            "count": group.term_sessions,
            "start_time": group.starts_at or datetime.time(18, 0),
            "double_sessions": group.sessions_per_date,
            "format": (
                Meeting.Format.ONLINE
                if group.format == BalintGroup.Format.ONLINE
                else Meeting.Format.IN_PERSON
            ),
            "place": group.venue,
            "nth": 1,
            "state": days_off.state_for(group),
        }


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=45, max_value=600
    )
    double_sessions = forms.IntegerField(
        label=_("Double sessions"), min_value=1, max_value=4
    )
    format = forms.ChoiceField(label=_("Format"), choices=Meeting.Format.choices)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    note = forms.CharField(
        label=_("Note for members"),
        required=False,
        max_length=300,
        help_text=_("Shown in the calendar and the e-mail. No patient data."),
    )

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        if data.get("format") == Meeting.Format.IN_PERSON and not data.get("place"):
            self.add_error(
                "place", _("Please enter the place of the in-person meeting.")
            )
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to members)"), required=False, max_length=300
    )


class AttendanceSheetForm(forms.Form):
    """One radio group per member (present, late, excused, absent) and, for a
    late arrival, the minutes missed (R3: decides whether the date counts)."""

    def __init__(
        self,
        *args: Any,
        people: list[User],
        current: dict[int, str],
        missed: dict[int, int | None] | None = None,
        max_minutes: int = 600,
        allowed: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        # Members who excused themselves, with their note (set by the view).
        self.excuses: list[tuple[User, str]] = []
        missed = missed or {}
        # Only the statuses the rule allows now (before the meeting: excused).
        choices = [
            (value, label)
            for value, label in Attendance.Status.choices
            if allowed is None or value in allowed
        ]
        for person in people:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=person.display_name,
                choices=choices,
                error_messages={
                    "invalid_choice": _(
                        "This status cannot be recorded now; before the meeting "
                        "only “excused” is possible."
                    )
                },
                widget=forms.RadioSelect(attrs={"class": "tap"}),
                required=False,
                initial=current.get(person.pk),
            )
            self.fields[f"m{person.pk}"] = forms.IntegerField(
                label=_("Minutes missed (only when late)"),
                required=False,
                min_value=1,
                max_value=max_minutes,
                initial=missed.get(person.pk),
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        for person in self.people:
            name = f"m{person.pk}"
            late = data.get(f"p{person.pk}") == Attendance.Status.LATE
            if late and data.get(name) is None and name not in self.errors:
                self.add_error(
                    name,
                    _(
                        "Please enter how many minutes %(name)s missed; "
                        "it decides whether the date counts for the "
                        "certificate."
                    )
                    % {"name": person.display_name},
                )
        return data

    def marks(self) -> dict[int, str]:
        return {
            person.pk: self.cleaned_data[f"p{person.pk}"]
            for person in self.people
            if self.cleaned_data.get(f"p{person.pk}")
        }

    def minutes(self) -> dict[int, int]:
        """Minutes missed of the people marked late."""
        return {
            pk: self.cleaned_data[f"m{pk}"]
            for pk, status in self.marks().items()
            if status == Attendance.Status.LATE
            and self.cleaned_data.get(f"m{pk}") is not None
        }

    def rows(self) -> list[tuple[User, forms.BoundField, forms.BoundField]]:
        return [
            (person, self[f"p{person.pk}"], self[f"m{person.pk}"])
            for person in self.people
        ]


class CaseForm(forms.Form):
    presenter = forms.ModelChoiceField(
        label=_("Presented by"), queryset=User.objects.none()
    )
    theme = forms.CharField(
        label=_("Short theme"),
        max_length=120,
        help_text=_(
            "A non-identifying label such as “Fall 1, Hausarztpraxis”. "
            "No names, dates of birth or insurance numbers."
        ),
    )
    hints_confirmed = forms.BooleanField(
        label=_("I confirm that this text does not identify a patient."),
        required=False,
    )

    def __init__(self, *args: Any, presenters: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["presenter"]).queryset = presenters

    def clean(self) -> dict:
        super().clean()
        data = self.cleaned_data
        hints = confidentiality.looks_identifying(data.get("theme", ""))
        if hints and not data.get("hints_confirmed"):
            self.add_error(
                "theme",
                _(
                    "This text may identify a patient: %(hints)s. Please shorten it, or confirm below that it does not."
                )
                % {"hints": " ".join(hints)},
            )
        return data


class ExcuseForm(forms.Form):
    """ "Ich kann nicht teilnehmen": an optional short note to the leader."""

    note = forms.CharField(
        label=_("Note to your group's leader (optional)"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only a short note, please, and no patient data."),
    )


class FormatSwitchForm(forms.Form):
    """All upcoming meetings in one format (issue 15 item 7)."""

    format = forms.ChoiceField(
        label=_("New format of all upcoming meetings"),
        choices=Meeting.Format.choices,
        widget=forms.RadioSelect,
    )
    place = forms.CharField(
        label=_("Place (for meetings in person)"),
        max_length=200,
        required=False,
        help_text=_("Used for meetings that have no place yet."),
    )
