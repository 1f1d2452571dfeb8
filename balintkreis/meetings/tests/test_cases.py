import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.core import confidentiality
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings import cases
from balintkreis.meetings.models import CasePresentation
from balintkreis.meetings.tests.factories import (
    CasePresentationFactory,
    MeetingFactory,
    days_ago,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text",
    [
        "Frau Müller mit Rückenschmerz",
        "Patient geb. 03.04.1961",
        "Versicherter A123456789",
        "Herr Dr. Schmidt",
    ],
)
def test_identifying_text_gets_hints(text):
    assert confidentiality.looks_identifying(text)


@pytest.mark.parametrize(
    "text", ["Fall 1, Hausarztpraxis", "Die schwierige Patientin in der Notaufnahme"]
)
def test_harmless_text_has_no_hints(text):
    assert not confidentiality.looks_identifying(text)


def test_case_form_warns_and_saves_after_confirmation(leader_client, meeting, member):
    url = reverse("meetings:case-add", args=[meeting.group.slug, meeting.pk])
    data = {"presenter": member.pk, "theme": "Frau Müller, 03.04.1961"}
    response = leader_client.post(url, data)
    assert response.status_code == 422
    assertContains(
        response, "Patientin oder einen Patienten erkennbar machen", status_code=422
    )
    assertContains(response, "Frau Müller, 03.04.1961", status_code=422)
    assert not CasePresentation.objects.exists()
    response = leader_client.post(url, {**data, "hints_confirmed": "on"}, follow=True)
    assertContains(response, "Die Fallvorstellung wurde notiert.")
    assert CasePresentation.objects.get().presenter == member


def test_case_form_permissions(member_client, outsider_client, meeting):
    url = reverse("meetings:case-add", args=[meeting.group.slug, meeting.pk])
    assert member_client.get(url).status_code == 403
    assert outsider_client.get(url).status_code == 404


def test_longest_without_presenting_order(group, member):
    never = MembershipFactory(group=group).user
    recent = MembershipFactory(group=group).user
    CasePresentationFactory(
        meeting=MeetingFactory(group=group, starts_at=days_ago(60)), presenter=member
    )
    CasePresentationFactory(
        meeting=MeetingFactory(group=group, starts_at=days_ago(3)), presenter=recent
    )
    rows = cases.longest_without_presenting(group, day=days_ago(0).date())
    assert [r.person for r in rows] == [never, member, recent]
    assert rows[0].last_presented_on is None


def test_members_overview_page(leader_client, group, member):
    response = leader_client.get(reverse("meetings:members", args=[group.slug]))
    assertContains(response, "Moritz Mitglied")
    assertContains(response, "nie")
