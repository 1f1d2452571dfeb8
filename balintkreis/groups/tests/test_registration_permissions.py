"""URL × persona matrix for the registration pages (STYLE.md section 11)."""

import pytest
from django.urls import reverse

from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.groups.tests.factories_registration import ApplicationFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["application-list", "waiting-list", "members"]
SECRETARIAT_PAGES = ["carry-over"]


@pytest.mark.parametrize("name", STAFF_PAGES + SECRETARIAT_PAGES)
@pytest.mark.parametrize(
    ("persona", "staff_status", "secretariat_status"),
    [
        ("leader_client", 200, 403),
        ("secretariat_client", 200, 200),
        ("member_client", 403, 403),
        ("outsider_client", 403, 403),
    ],
)
def test_group_pages_by_persona(
    request, group, name, persona, staff_status, secretariat_status
):
    client = request.getfixturevalue(persona)
    expected = staff_status if name in STAFF_PAGES else secretariat_status
    response = client.get(reverse(f"groups:{name}", args=[group.slug]))
    assert response.status_code == expected


@pytest.mark.parametrize("name", STAFF_PAGES + SECRETARIAT_PAGES + ["apply"])
def test_unlisted_group_is_404_for_outsiders(outsider_client, name):
    group = BalintGroupFactory(status=BalintGroup.Status.CLOSED)
    response = outsider_client.get(reverse(f"groups:{name}", args=[group.slug]))
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["waiting-list-move", "application-accept"])
def test_object_pages_by_persona(
    leader_client, secretariat_client, outsider_client, group, name
):
    application = ApplicationFactory(group=group, waiting=True)
    url = reverse(f"groups:{name}", args=[group.slug, application.pk])
    assert secretariat_client.get(url).status_code == 200
    assert outsider_client.get(url).status_code == 403
    expected_for_leader = 403 if name == "waiting-list-move" else 200
    assert leader_client.get(url).status_code == expected_for_leader


def test_membership_end_is_secretariat_only(
    leader_client, secretariat_client, group, member
):
    url = reverse(
        "groups:membership-end", args=[group.slug, member.memberships.get().pk]
    )
    assert leader_client.get(url).status_code == 403
    assert secretariat_client.get(url).status_code == 200


def test_interest_overview_is_secretariat_only(participant_client, leader_client):
    url = reverse("groups:interest-overview")
    assert participant_client.get(url).status_code == 403
    assert leader_client.get(url).status_code == 403


@pytest.mark.parametrize(
    "name", ["my-groups", "interest-register", "interest-overview"]
)
def test_personal_pages_need_log_in(client, name):
    response = client.get(reverse(name if ":" in name else f"groups:{name}"))
    assert response.status_code == 302
    assert "/konto/login/" in response["Location"]
