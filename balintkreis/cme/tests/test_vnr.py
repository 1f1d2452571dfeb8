import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.accounts.tests.factories import ChamberFactory
from balintkreis.cme import points, vnr
from balintkreis.cme.models import EventNumber
from balintkreis.cme.tests.factories import INVALID_VNR, VALID_VNR, EventNumberFactory
from balintkreis.core import crypto
from balintkreis.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value", [VALID_VNR, "276 001 2024 20035400 2", "2760552025919300018"]
)
def test_valid_vnr_format(value):
    assert vnr.validate_format(value).startswith("276")


@pytest.mark.parametrize(
    "value", ["276001202420035400", "1760012024200354002", "27600120242003540x2"]
)
def test_invalid_vnr_format(value):
    with pytest.raises(ValidationError):
        vnr.validate_format(value)


def test_points_calculator_suggests_category_c():
    assert points.suggest(double_sessions=1) == 3
    assert points.suggest(double_sessions=3) == 8


def test_luhn_failure_blocks_unless_admin_overrides(group, leader, secretariat):
    event_number = EventNumber(
        group=group,
        vnr=INVALID_VNR,
        chamber=ChamberFactory(),
        points=3,
        valid_from="2026-01-01",
        valid_until="2026-12-31",
    )
    with pytest.raises(ValidationError):
        vnr.save_event_number(event_number, by=leader, password="", override_luhn=True)
    vnr.save_event_number(
        event_number, by=secretariat, password="x", override_luhn=True
    )
    assert event_number.luhn_overridden_by == secretariat


def test_password_is_encrypted_and_write_only(leader_client, group, leader):
    chamber = ChamberFactory()
    url = reverse("cme:event-numbers", args=[group.slug])
    response = leader_client.post(
        url,
        {
            "vnr": VALID_VNR,
            "chamber": chamber.pk,
            "category": "C",
            "points": "3",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
            "new_password": "Geheim-123",
        },
        follow=True,
    )
    assertContains(response, "Die VNR wurde gespeichert.")
    event_number = EventNumber.objects.get()
    assert event_number.password == "Geheim-123"
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("select password from cme_eventnumber")
        (stored,) = cursor.fetchone()
    assert "Geheim-123" not in stored
    assert crypto.decrypt(stored) == "Geheim-123"
    edit = leader_client.get(
        reverse("cme:event-number-edit", args=[group.slug, event_number.pk])
    )
    assert "Geheim-123" not in edit.content.decode()
    assert "Geheim-123" not in str(
        list(AuditEvent.objects.values_list("data", flat=True))
    )
    # empty password keeps the stored one
    leader_client.post(
        reverse("cme:event-number-edit", args=[group.slug, event_number.pk]),
        {
            "vnr": VALID_VNR,
            "chamber": chamber.pk,
            "category": "C",
            "points": "4",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
            "new_password": "",
        },
    )
    event_number.refresh_from_db()
    assert event_number.points == 4
    assert event_number.password == "Geheim-123"


def test_invalid_check_digit_is_422_for_leader(leader_client, group):
    url = reverse("cme:event-numbers", args=[group.slug])
    response = leader_client.post(
        url,
        {
            "vnr": INVALID_VNR,
            "chamber": ChamberFactory().pk,
            "category": "C",
            "points": "3",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
        },
    )
    assert response.status_code == 422
    assertContains(response, "Prüfziffer", status_code=422)
    assertContains(response, INVALID_VNR, status_code=422)
    assert "override_luhn" not in response.content.decode()
    assert not EventNumber.objects.exists()


def test_vnr_page_permissions(member_client, outsider_client, group):
    url = reverse("cme:event-numbers", args=[group.slug])
    assert member_client.get(url).status_code == 403
    assert outsider_client.get(url).status_code == 404


def test_event_number_covering_prefers_meeting_vnr(group, meeting):
    term = EventNumberFactory(group=group)
    own = EventNumberFactory(group=group, vnr="2760552025919300018", meeting=meeting)
    assert points.event_numbers_for([meeting])[meeting.pk] == own
    own.delete()
    assert points.event_numbers_for([meeting])[meeting.pk] == term


def test_vnr_page_warns_about_application_lead_time(leader_client, group):
    from balintkreis.meetings.tests.factories import MeetingFactory

    MeetingFactory(group=group, future=True)
    response = leader_client.get(reverse("cme:event-numbers", args=[group.slug]))
    assertContains(response, "mindestens 4 Wochen vor der ersten Sitzung")
    EventNumberFactory(group=group)
    response = leader_client.get(reverse("cme:event-numbers", args=[group.slug]))
    assert "mindestens 4 Wochen" not in response.content.decode()


@pytest.mark.parametrize(
    "typed",
    ["276 0012 0242 0035 4002", "276-001-2024-20035400-2", " 2760012024200354002 "],
)
def test_vnr_typed_with_spaces_is_saved_normalised(leader_client, group, typed):
    """Issue 12 item 11: the form accepts the grouped spelling of a Bescheid."""
    response = leader_client.post(
        reverse("cme:event-numbers", args=[group.slug]),
        {
            "vnr": typed,
            "chamber": ChamberFactory().pk,
            "category": "C",
            "points": "3",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
        },
        follow=True,
    )
    assertContains(response, "Die VNR wurde gespeichert.")
    assert EventNumber.objects.get().vnr == VALID_VNR


def test_vnr_too_long_after_normalising_keeps_input(leader_client, group):
    typed = "276 0012 0242 0035 4002 9"
    response = leader_client.post(
        reverse("cme:event-numbers", args=[group.slug]),
        {
            "vnr": typed,
            "chamber": ChamberFactory().pk,
            "category": "C",
            "points": "3",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
        },
    )
    assert response.status_code == 422
    assertContains(response, "genau 19 Ziffern", status_code=422)
    assertContains(response, typed, status_code=422)
    assert not EventNumber.objects.exists()
