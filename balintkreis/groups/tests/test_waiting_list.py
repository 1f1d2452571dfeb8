import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core.models import AuditEvent
from balintkreis.groups import applications, memberships, offers, waiting_list
from balintkreis.groups.models import Application, BalintGroup
from balintkreis.groups.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def full_group(group):
    for _ in range(group.capacity):
        MembershipFactory(group=group)
    return group


def queue(group, count):
    return [
        applications.apply(group, user=UserFactory(), message="") for _ in range(count)
    ]


def test_leaving_member_gives_the_first_waiting_an_offer_by_email(
    full_group, secretariat
):
    first, second = queue(full_group, 2)
    leaving = full_group.memberships.first()
    mail.outbox.clear()
    memberships.end(
        leaving, ended_on=timezone.localdate(), reason="Umzug", actor=secretariat
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Application.Status.OFFERED
    assert second.status == Application.Status.WAITING
    assert waiting_list.position(second) == 1
    assert first.offer_expires_at - first.offered_at == datetime.timedelta(days=7)
    offer_mail = next(m for m in mail.outbox if m.to == [first.user.email])
    # The token carries the second it was signed in: read it from the mail
    # (a busy machine may sign in another second than this test would).
    token = re.search(r"/angebot/([^/]+)/annehmen/", offer_mail.body).group(1)
    assert offers.application_id_from_token(token) == first.pk
    assert f"/angebot/{token}/annehmen/" in offer_mail.body
    assert f"/angebot/{token}/ablehnen/" in offer_mail.body
    assert f"/angebot/{token}/annehmen/" in offer_mail.alternatives[0][0]
    ended_mail = next(m for m in mail.outbox if m.to == [leaving.user.email])
    assert "endet am" in ended_mail.body
    # The history stays.
    leaving.refresh_from_db()
    assert leaving.ended_on == timezone.localdate()
    assert leaving.end_reason == "Umzug"


def test_offer_validity_is_configurable(full_group, secretariat, settings):
    settings.OFFER_VALID_DAYS = 3
    (first,) = queue(full_group, 1)
    memberships.end(
        full_group.memberships.first(),
        ended_on=timezone.localdate(),
        reason="",
        actor=secretariat,
    )
    first.refresh_from_db()
    assert first.offer_expires_at - first.offered_at == datetime.timedelta(days=3)


def test_accepting_offer_makes_a_member(full_group, secretariat):
    (first,) = queue(full_group, 1)
    memberships.end(
        full_group.memberships.first(),
        ended_on=timezone.localdate(),
        reason="",
        actor=secretariat,
    )
    membership = applications.accept_offer(first)
    first.refresh_from_db()
    assert first.status == Application.Status.ACCEPTED
    assert membership.user == first.user
    assert waiting_list.free_places(full_group) == 0


def test_declined_offer_passes_to_the_next(full_group, secretariat):
    first, second = queue(full_group, 2)
    memberships.end(
        full_group.memberships.first(),
        ended_on=timezone.localdate(),
        reason="",
        actor=secretariat,
    )
    applications.decline_offer(Application.objects.get(pk=first.pk))
    second.refresh_from_db()
    assert second.status == Application.Status.OFFERED
    with pytest.raises(applications.OfferNotOpen):
        applications.accept_offer(first)


def test_expired_offer_passes_to_the_next_and_tells_the_first(full_group, secretariat):
    first, second = queue(full_group, 2)
    memberships.end(
        full_group.memberships.first(),
        ended_on=timezone.localdate(),
        reason="",
        actor=secretariat,
    )
    mail.outbox.clear()
    later = timezone.now() + datetime.timedelta(days=7, minutes=1)
    assert waiting_list.expire_offers(now=later) == 1
    assert waiting_list.expire_offers(now=later) == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Application.Status.EXPIRED
    assert second.status == Application.Status.OFFERED
    expired_mail = next(m for m in mail.outbox if m.to == [first.user.email])
    assert "abgelaufen" in expired_mail.subject
    assert "erneut anmelden" in expired_mail.body


def test_accepting_an_offer_past_its_time_expires_it(full_group, secretariat):
    first, second = queue(full_group, 2)
    memberships.end(
        full_group.memberships.first(),
        ended_on=timezone.localdate(),
        reason="",
        actor=secretariat,
    )
    with pytest.raises(applications.OfferExpired):
        applications.accept_offer(
            first, now=timezone.now() + datetime.timedelta(days=8)
        )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Application.Status.EXPIRED
    assert second.status == Application.Status.OFFERED


def test_reminder_goes_out_once_before_expiry(full_group, secretariat):
    (first,) = queue(full_group, 1)
    memberships.end(
        full_group.memberships.first(),
        ended_on=timezone.localdate(),
        reason="",
        actor=secretariat,
    )
    mail.outbox.clear()
    assert waiting_list.remind_expiring_offers() == 0  # seven days left
    soon = timezone.now() + datetime.timedelta(days=6)
    assert waiting_list.remind_expiring_offers(now=soon) == 1
    assert waiting_list.remind_expiring_offers(now=soon) == 0
    assert len(mail.outbox) == 1
    assert "läuft bald ab" in mail.outbox[0].subject


def test_future_leave_date_frees_the_place_on_that_day(full_group, secretariat):
    (first,) = queue(full_group, 1)
    leave_on = timezone.localdate() + datetime.timedelta(days=10)
    memberships.end(
        full_group.memberships.first(), ended_on=leave_on, reason="", actor=secretariat
    )
    first.refresh_from_db()
    assert first.status == Application.Status.WAITING
    with time_machine.travel(timezone.now() + datetime.timedelta(days=10, hours=1)):
        assert waiting_list.fill_free_places() == 1
    first.refresh_from_db()
    assert first.status == Application.Status.OFFERED


def test_secretariat_moves_someone_with_a_logged_reason(full_group, secretariat):
    a, b, c = queue(full_group, 3)
    waiting_list.move(c, to_position=1, reason="Härtefall", actor=secretariat)
    order = list(full_group.applications.waiting().values_list("pk", flat=True))
    assert order == [c.pk, a.pk, b.pk]
    event = AuditEvent.objects.get(action="groups.waiting_list.moved")
    assert event.data == {"from": 3, "to": 1, "reason": "Härtefall"}
    assert event.actor == secretariat
    with pytest.raises(waiting_list.InvalidPosition):
        waiting_list.move(c, to_position=4, reason="x", actor=secretariat)


def test_paused_group_makes_no_offers(full_group, secretariat):
    (first,) = queue(full_group, 1)
    BalintGroup.objects.filter(pk=full_group.pk).update(
        status=BalintGroup.Status.PAUSED
    )
    full_group.refresh_from_db()
    memberships.end(
        full_group.memberships.first(),
        ended_on=timezone.localdate(),
        reason="",
        actor=secretariat,
    )
    first.refresh_from_db()
    assert first.status == Application.Status.WAITING


def test_newcomer_does_not_jump_the_queue_when_a_place_is_free(full_group):
    (first,) = queue(full_group, 1)
    # A place frees without the rules running (e.g. an admin correction).
    full_group.memberships.filter(pk=full_group.memberships.first().pk).update(
        ended_on=timezone.localdate()
    )
    newcomer = applications.apply(full_group, user=UserFactory(), message="")
    first.refresh_from_db()
    assert first.status == Application.Status.OFFERED
    assert newcomer.status == Application.Status.WAITING
