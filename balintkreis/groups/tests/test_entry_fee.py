"""Issue 12 item 10: the pro-rated fee of a late entry, one rule everywhere.

Counted from the planned meetings from the entry date on, capped at the term
fee, recorded on every path into the group and shown on the offer page, in
"Meine Gruppen" and in the welcome e-mail.
"""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from balintkreis.groups import applications, fees, offers
from balintkreis.groups.models import Application
from balintkreis.groups.tests.factories import FeeScheduleFactory, FeeTierFactory
from balintkreis.groups.tests.factories_registration import ApplicationFactory
from balintkreis.meetings.tests.factories import MeetingFactory, days_ago
from balintkreis.notifications.models import OutboxEmail

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def welcome_mail() -> str:
    rows = OutboxEmail.objects.filter(key__startswith="groups.application_accepted")
    return rows.latest("pk").body_text


@pytest.fixture
def priced(group):
    """45 € per double session, 10 per term (450 €); 2 meetings held, then
    4 planned (one of them a block of 3) and one cancelled."""
    group.fee_schedule = FeeScheduleFactory()
    group.term_sessions = 10
    group.save()
    FeeTierFactory(schedule=group.fee_schedule, price_per_session="45.00")
    for days in (30, 16):
        MeetingFactory(group=group, starts_at=days_ago(days))
    for days, ds in ((-2, 1), (-16, 1), (-30, 3), (-44, 1)):
        MeetingFactory(group=group, starts_at=days_ago(days), double_sessions=ds)
    MeetingFactory(group=group, starts_at=days_ago(-58), is_cancelled=True)
    return group


def test_counted_from_planned_meetings_after_entry(priced):
    fee = fees.entry_fee(priced, entry_on=TODAY())
    assert fee.sessions == 6  # 1 + 1 + 3 + 1; held and cancelled ones not
    assert fee.amount == Decimal("270.00")
    assert fee.term_fee == Decimal("450.00")
    assert fee.is_prorated
    later = fees.entry_fee(priced, entry_on=TODAY() + datetime.timedelta(days=20))
    assert later.sessions == 4
    assert later.amount == Decimal("180.00")


def test_capped_at_the_term_fee(priced):
    for days in range(60, 200, 14):
        MeetingFactory(group=priced, starts_at=days_ago(-days))
    fee = fees.entry_fee(priced, entry_on=TODAY())
    assert fee.sessions == 10
    assert fee.amount == Decimal("450.00")
    assert not fee.is_prorated
    assert fees.entry_fee(priced, entry_on=TODAY(), remaining_sessions=40).amount == (
        Decimal("450.00")
    )


def test_nothing_planned_charges_the_whole_term(priced):
    fee = fees.entry_fee(priced, entry_on=TODAY() + datetime.timedelta(days=400))
    assert fee.amount == Decimal("450.00")
    assert not fee.is_prorated


def test_no_fee_schedule_means_on_request(group):
    assert fees.entry_fee(group, entry_on=TODAY()) is None


def test_leaders_acceptance_counts_planned_meetings(priced, participant, leader):
    application = applications.apply(priced, user=participant, message="")
    applications.accept(application, actor=leader, entry_on=TODAY())
    application.refresh_from_db()
    assert application.prorated_fee == Decimal("270.00")
    assert application.remaining_sessions == 6
    assert "270,00" in welcome_mail()


def test_accepted_waiting_list_offer_is_pro_rated(priced, participant):
    application = ApplicationFactory(group=priced, user=participant, offered=True)
    token = offers.offer_token(application)
    client = Client()
    page = client.get(reverse("groups:offer", args=[token]))
    assertContains(page, "270,00 €")
    assertContains(page, "6 noch ausstehenden Doppelsitzungen")
    response = client.post(reverse("groups:offer-accept", args=[token]), follow=True)
    assertContains(response, "270,00 €")
    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert application.prorated_fee == Decimal("270.00")
    assert "270,00" in welcome_mail()


def test_automatic_acceptance_is_pro_rated(priced, participant):
    priced.accepts_automatically = True
    priced.save()
    application = applications.apply(priced, user=participant, message="")
    assert application.status == Application.Status.ACCEPTED
    application.refresh_from_db()
    assert application.prorated_fee == Decimal("270.00")
    assert "270,00" in welcome_mail()


def test_my_groups_shows_the_fee(priced, participant, participant_client, leader):
    application = applications.apply(priced, user=participant, message="")
    applications.accept(application, actor=leader, entry_on=TODAY())
    page = participant_client.get(reverse("groups:my-groups"))
    assertContains(page, "Beitrag für den laufenden Abschnitt")
    assertContains(page, "270,00 € für die 6 Doppelsitzungen ab Ihrem Eintritt")


def test_entry_at_term_start_shows_the_term_fee(priced, participant, leader):
    for days in range(60, 200, 14):
        MeetingFactory(group=priced, starts_at=days_ago(-days))
    application = applications.apply(priced, user=participant, message="")
    applications.accept(application, actor=leader, entry_on=TODAY())
    application.refresh_from_db()
    assert application.prorated_fee is None
    client = Client()
    client.force_login(participant)
    page = client.get(reverse("groups:my-groups"))
    assertContains(page, "450,00 €")
