"""Permission matrix of every meetings and cme URL (STYLE.md section 11)."""

import pytest
from django.urls import get_resolver, reverse

from balintkreis.cme.tests.factories import EventNumberFactory
from balintkreis.meetings.tests.factories import AttendanceFactory, MeetingFactory

pytestmark = pytest.mark.django_db

# name -> (method, kind of arguments, expected for outsider, member, leader)
MATRIX = {
    "meetings:list": ("get", "group", 404, 200, 200),
    "meetings:plan": ("get", "group", 404, 403, 200),
    "meetings:format-switch": ("get", "group", 404, 403, 200),
    "meetings:members": ("get", "group", 404, 403, 200),
    "meetings:detail": ("get", "meeting", 404, 200, 200),
    "meetings:edit": ("get", "meeting", 404, 403, 200),
    "meetings:cancel": ("get", "meeting", 404, 403, 200),
    "meetings:attendance": ("get", "meeting", 404, 403, 200),
    "meetings:attendance-confirm": ("post", "meeting", 404, 403, 422),
    "meetings:attendance-pdf": ("get", "meeting", 404, 403, 200),
    "meetings:case-add": ("get", "meeting", 404, 403, 200),
    "meetings:excuse": ("get", "meeting", 404, 200, 403),
    "meetings:excuse-withdraw": ("post", "meeting", 404, 302, 403),
    "meetings:calendar-feeds": ("get", "none", 200, 200, 200),
    "meetings:calendar-reset": ("post", "feed", 404, 404, 404),
    "meetings:calendar-feed": ("get", "token", 404, 404, 404),
    "cme:event-numbers": ("get", "group", 404, 403, 200),
    "cme:event-number-edit": ("get", "vnr", 404, 403, 200),
    "cme:vnr-report": ("get", "vnr", 404, 403, 200),
    "cme:vnr-report-txt": ("get", "vnr", 404, 403, 200),
    "cme:vnr-report-csv": ("get", "vnr", 404, 403, 200),
    "cme:vnr-report-done": ("post", "vnr", 404, 403, 302),
    "cme:vnr-report-eiv": ("post", "vnr", 404, 403, 302),
    "cme:meeting-report": ("get", "meeting", 404, 403, 200),
    "cme:meeting-report-txt": ("get", "meeting", 404, 403, 200),
    "cme:meeting-report-csv": ("get", "meeting", 404, 403, 200),
    "cme:meeting-report-done": ("post", "meeting", 404, 403, 302),
    "cme:meeting-report-eiv": ("post", "meeting", 404, 403, 302),
    "cme:meeting-report-resolve": ("post", "line", 404, 403, 302),
    "cme:reports-due": ("get", "none", 403, 403, 200),
    "cme:my-progress": ("get", "none", 200, 200, 200),
    "cme:issue-meeting": ("post", "meeting", 404, 302, 302),
    "cme:issue-term": ("post", "group", 404, 302, 302),
    "cme:certificate-pdf": ("get", "number", 404, 404, 404),
    "cme:group-certificates": ("get", "group", 404, 403, 200),
    "cme:certificate-correct": ("post", "certificate", 404, 403, 404),
    "cme:certificate-revoke": ("post", "certificate", 404, 403, 404),
    "cme:verify-form": ("get", "none", 200, 200, 200),
    "cme:verify": ("get", "code", 404, 404, 404),
}


def test_every_named_url_is_in_the_matrix():
    names = set()
    for namespace in ("meetings", "cme"):
        resolver = get_resolver().namespace_dict[namespace][1]
        names |= {
            f"{namespace}:{n}" for n in resolver.reverse_dict if isinstance(n, str)
        }
    assert names == set(MATRIX)


@pytest.mark.parametrize("persona", ["outsider", "member", "leader"])
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_permission_matrix(request, name, persona, group, member):
    method, kind, *expected = MATRIX[name]
    meeting = MeetingFactory(group=group)
    event_number = EventNumberFactory(group=group)
    args = {
        "group": [group.slug],
        "meeting": [group.slug, meeting.pk],
        "vnr": [group.slug, event_number.pk],
        "none": [],
        "feed": [999999],
        "token": ["unknown"],
        "number": ["BK-2026-999999"],
        "certificate": [group.slug, 999999],
        "code": ["UNKNOWN"],
    }.get(kind)
    if kind == "line":
        line = AttendanceFactory(meeting=meeting, user=member, confirmed=True)
        args = [group.slug, meeting.pk, line.pk]
    client = request.getfixturevalue(f"{persona}_client")
    response = getattr(client, method)(reverse(name, args=args))
    assert (
        response.status_code
        == expected[["outsider", "member", "leader"].index(persona)]
    )
