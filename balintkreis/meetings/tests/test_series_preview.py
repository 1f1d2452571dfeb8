"""The series planner's preview: holidays, weekday, two steps (issue 13 item 9)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.accounts.tests.factories import ChamberFactory
from balintkreis.core.regions import Region
from balintkreis.meetings import days_off, series
from balintkreis.meetings.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

# 2026-09-29 is a Tuesday; a weekly series from there meets on 2026-10-06 ...,
# and a Saturday series from 2026-10-03 hits the Tag der Deutschen Einheit.
DATA = {
    "rhythm": "weekly",
    "first_on": "2026-09-29",
    "nth": "1",
    "count": "3",
    "start_time": "18:00",
    "double_sessions": "1",
    "format": "in_person",
    "place": "Institut, Raum 2",
    "state": "TH",
}


def _plan(**kwargs):
    defaults = {
        "rhythm": "weekly",
        "first_on": datetime.date(2026, 9, 29),
        "count": 3,
        "start_time": datetime.time(18, 0),
        "place": "Raum 1",
    }
    return series.SeriesPlan(**{**defaults, **kwargs})


def test_holiday_names_come_from_the_package():
    with translation.override("de"):
        day = datetime.date(2026, 10, 3)
        assert days_off.public_holiday(day) == "Tag der Deutschen Einheit"
        assert days_off.public_holiday(datetime.date(2026, 10, 31), state="TH") == (
            "Reformationstag"
        )
        assert days_off.public_holiday(datetime.date(2026, 10, 31), state="BY") == ""
        assert days_off.school_holiday(datetime.date(2026, 10, 14), state="TH") == (
            "Herbstferien"
        )
        assert days_off.school_holiday(datetime.date(2026, 10, 14), state="") == ""


# The usual names of the 17 physicians' chambers (and a few others).
CHAMBERS = [
    ("Landesärztekammer Baden-Württemberg", "BW"),
    ("Bayerische Landesärztekammer", "BY"),
    ("Ärztekammer Berlin", "BE"),
    ("Landesärztekammer Brandenburg", "BB"),
    ("Ärztekammer Bremen", "HB"),
    ("Ärztekammer Hamburg", "HH"),
    ("Landesärztekammer Hessen", "HE"),
    ("Ärztekammer Mecklenburg-Vorpommern", "MV"),
    ("Ärztekammer Niedersachsen", "NI"),
    ("Ärztekammer Nordrhein", "NW"),
    ("Ärztekammer Westfalen-Lippe", "NW"),
    ("Landesärztekammer Rheinland-Pfalz", "RP"),
    ("Ärztekammer des Saarlandes", "SL"),
    ("Sächsische Landesärztekammer", "SN"),
    ("Ärztekammer Sachsen-Anhalt", "ST"),
    ("Ärztekammer Schleswig-Holstein", "SH"),
    ("Landesärztekammer Thüringen", "TH"),
]


def test_all_seventeen_chambers_are_listed():
    assert len(CHAMBERS) == 17
    assert {state for _name, state in CHAMBERS} == {r.value for r in Region}


@pytest.mark.parametrize(
    ("name", "state"),
    [
        *CHAMBERS,
        ("Landesärztekammer Sachsen", "SN"),
        ("Psychotherapeutenkammer NRW", "NW"),
        ("Psychotherapeutenkammer Niedersachsen", "NI"),
        ("Psychotherapeutenkammer Bayern", "BY"),
        ("Ostdeutsche Psychotherapeutenkammer", ""),
        ("Psychotherapeutenkammer", ""),
        ("", ""),
    ],
)
def test_state_in_a_chamber_name(name, state):
    assert days_off.state_in(name) == state


def test_state_is_suggested_from_the_chamber(group):
    group.chamber = ChamberFactory(name="Landesärztekammer Thüringen")
    assert days_off.state_for(group) == "TH"
    group.chamber = ChamberFactory(name="Ärztekammer Westfalen-Lippe", short_name="x")
    assert days_off.state_for(group) == "NW"
    group.chamber = ChamberFactory(name="Ärztekammer Sachsen-Anhalt", short_name="y")
    assert days_off.state_for(group) == "ST"
    group.chamber = None
    assert days_off.state_for(group) == ""


def test_preview_warns_about_public_holiday(group):
    group.weekday = 5
    with translation.override("de"):
        result = series.preview(
            group, plan=_plan(first_on=datetime.date(2026, 10, 3), count=2)
        )
    first, second = result.dates
    assert "Feiertag: Tag der Deutschen Einheit" in first.notes
    assert second.notes == []
    assert not group.meetings.exists()


def test_preview_warns_about_school_holidays_of_the_state(group):
    group.weekday = 1
    with translation.override("de"):
        result = series.preview(
            group,
            plan=_plan(first_on=datetime.date(2026, 10, 13), count=1),
            state="TH",
        )
    assert result.dates[0].notes == ["Schulferien (Thüringen): Herbstferien"]


def test_preview_warns_about_another_weekday(group):
    group.weekday = 2  # Wednesday
    with translation.override("de"):
        result = series.preview(group, plan=_plan(count=2))  # Tuesdays
    for row in result.dates:
        assert "Ein Dienstag – die Gruppe trifft sich sonst am Mittwoch." in row.notes
    group.weekday = 1
    with translation.override("de"):
        assert series.preview(group, plan=_plan(count=2)).dates[0].notes == []


def test_preview_warns_about_a_day_with_a_meeting(group):
    group.weekday = None
    MeetingFactory(
        group=group,
        starts_at=series.local_datetime(
            datetime.date(2026, 9, 29), datetime.time(10, 0)
        ),
    )
    with translation.override("de"):
        result = series.preview(group, plan=_plan(count=1))
    assert "Die Gruppe hat an diesem Tag bereits eine Sitzung." in result.dates[0].notes


def test_preview_says_when_school_holidays_are_unknown(group):
    with translation.override("de"):
        result = series.preview(
            group, plan=_plan(first_on=datetime.date(2035, 3, 6), count=1), state="BY"
        )
    assert any("2035" in w and "noch nicht" in w for w in result.warnings)


def test_view_shows_preview_and_creates_only_after_confirming(leader_client, group):
    group.weekday = 1
    group.save()
    url = reverse("meetings:plan", args=[group.slug])
    form = leader_client.get(url)
    assertContains(form, "Vorschau anzeigen")
    assertNotContains(form, 'name="create"')
    assertNotContains(form, "---------")
    preview = leader_client.post(url, {**DATA, "first_on": "2026-09-26"})
    assert preview.status_code == 200
    assertContains(preview, "Vorschau: 3 Termine")
    assertContains(preview, "Feiertag: Tag der Deutschen Einheit")
    assertContains(preview, "Ein Samstag – die Gruppe trifft sich sonst am Dienstag.")
    assertContains(preview, "Termine anlegen")
    assertContains(preview, 'value="Institut, Raum 2"')  # what was typed is kept
    assert not group.meetings.exists()
    fingerprint = preview.context["fingerprint"]
    done = leader_client.post(
        url,
        {**DATA, "first_on": "2026-09-26", "previewed": fingerprint, "create": "1"},
        follow=True,
    )
    assertContains(done, "3 Sitzungen wurden geplant.")
    assert group.meetings.count() == 3


def test_view_changed_input_shows_the_preview_again(leader_client, group):
    url = reverse("meetings:plan", args=[group.slug])
    fingerprint = leader_client.post(url, DATA).context["fingerprint"]
    response = leader_client.post(
        url, {**DATA, "count": "4", "previewed": fingerprint, "create": "1"}
    )
    assertContains(response, "Vorschau: 4 Termine")
    assertContains(response, "bitte prüfen Sie die Vorschau erneut")
    assert not group.meetings.exists()


def test_moving_a_meeting_onto_a_holiday_warns(leader_client, group):
    group.weekday = 5
    group.save()
    meeting = MeetingFactory(group=group, future=True)
    url = reverse("meetings:edit", args=[group.slug, meeting.pk])
    response = leader_client.post(
        url,
        {
            "date": "2026-10-03",
            "time": "18:00",
            "duration_minutes": "90",
            "double_sessions": "1",
            "format": "in_person",
            "place": "Raum 1",
        },
        follow=True,
    )
    assertContains(response, "Die Sitzung wurde gespeichert.")
    assertContains(response, "Feiertag: Tag der Deutschen Einheit")
    assertNotContains(response, "bereits eine Sitzung")
