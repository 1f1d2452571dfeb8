"""No logged-in page's query count grows with the data (issue 17).

Pages that have no such test in their own app are measured here in a small
and a larger world: the same person, more groups, meetings, attendance rows,
members and mentors. Each page must cost the same number of queries in both.
"""

import datetime
import itertools

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balintkreis.accounts.efn import luhn_check_digit
from balintkreis.accounts.tests.factories import (
    ChamberFactory,
    LeaderFactory,
    UserFactory,
)
from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.mentoring.tests.factories import (
    MentoringRequestFactory,
    MentorProfileFactory,
)

NUMBERS = itertools.count(1)


def vnr() -> str:
    body = f"2760012026{next(NUMBERS):08d}"
    return body + luhn_check_digit(body)


def build(size: int) -> dict:
    member = UserFactory(first_name="Mia", last_name="Mitglied")
    leader = LeaderFactory(first_name="Lea", last_name="Leitung")
    chamber = ChamberFactory()
    first = None
    for g in range(size):
        group = BalintGroupFactory(leader=leader, title=f"Gruppe {g}", chamber=chamber)
        EventNumberFactory(group=group, chamber=chamber, vnr=vnr())
        MembershipFactory(group=group, user=member)
        others = [MembershipFactory(group=group).user for _ in range(size)]
        for d in range(size):
            meeting = MeetingFactory(group=group, starts_at=days_ago(3 + 7 * d))
            for person in [member, *others]:
                AttendanceFactory(meeting=meeting, user=person, confirmed=True)
        online = MeetingFactory(
            group=group,
            online=True,
            starts_at=timezone.now() - datetime.timedelta(minutes=5),
        )
        if first is None:
            first = {"group": group, "meeting": meeting, "online": online}
    for _ in range(size):
        profile = MentorProfileFactory(is_listed=True)
        MentoringRequestFactory(mentee=leader, mentor=profile.user)
    assert first is not None
    return {"member": member, "leader": leader, **first}


def pages(world: dict) -> dict:
    slug = world["group"].slug
    meeting = world["meeting"].pk
    member, leader = world["member"], world["leader"]
    return {
        "catalogue, logged in": (member, "/gruppen/"),
        "group page, logged in": (member, f"/gruppen/{slug}/"),
        "my groups": (member, "/mein-bereich/gruppen/"),
        "chamber report": (
            leader,
            f"/gruppen/{slug}/sitzungen/{meeting}/meldung/",
        ),
        "online meeting page": (member, f"/online/sitzungen/{world['online'].pk}/"),
        "mentoring home": (leader, "/mentoring/"),
    }


def count(user, path: str) -> int:
    client = Client()
    client.force_login(user)
    client.get(path)  # warm: session and caches as on a busy server
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(queries)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page",
    [
        "catalogue, logged in",
        "group page, logged in",
        "my groups",
        "chamber report",
        "online meeting page",
        "mentoring home",
    ],
)
def test_query_count_does_not_grow_with_the_data(page):
    small = count(*pages(build(2))[page])
    large = count(*pages(build(5))[page])
    assert small == large, f"{page}: {small} queries with 2, {large} with 5"
