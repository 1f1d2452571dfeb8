import datetime
from decimal import Decimal

import pytest
from django.core import mail

from balintkreis.accounts.models import Consent
from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core.models import AuditEvent
from balintkreis.groups import applications, waiting_list
from balintkreis.groups.models import Application, BalintGroup, Membership
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    FeeTierFactory,
    MembershipFactory,
)
from balintkreis.groups.tests.factories_registration import ApplicationFactory

pytestmark = pytest.mark.django_db(transaction=True)


def fill(group, count):
    for _ in range(count):
        MembershipFactory(group=group)


def test_application_with_free_place_holds_it_until_the_leader_decides(
    group, participant
):
    fill(group, group.capacity - 1)
    application = applications.apply(group, user=participant, message="Hallo")
    assert application.status == Application.Status.PENDING
    assert waiting_list.free_places(group) == 0
    annotated = BalintGroup.objects.with_free_places().get(pk=group.pk)
    assert (annotated.active_members, annotated.open_offers) == (11, 1)
    assert annotated.free_places == 0
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects == [
        "Ihre Anmeldung für die Gruppe „Balintgruppe Jena Mitte“",
        "Neue Anmeldung: Balintgruppe Jena Mitte",
    ]


def test_applying_records_the_confidentiality_agreement(group, participant):
    applications.apply(group, user=participant, message="")
    consent = Consent.objects.get(user=participant)
    assert consent.kind == Consent.Kind.CONFIDENTIALITY
    assert consent.version == "2026-11"


def test_full_group_puts_applicant_on_waiting_list_with_position(group):
    fill(group, group.capacity)
    first, second = UserFactory(), UserFactory()
    applications.apply(group, user=first, message="")
    application = applications.apply(group, user=second, message="")
    assert application.status == Application.Status.WAITING
    assert waiting_list.position(application) == 2
    waiting_mail = mail.outbox[-1]
    assert waiting_mail.to == [second.email]
    assert "Ihre Position: 2" in waiting_mail.body
    html = waiting_mail.alternatives[0][0]
    assert "Ihre Position: 2" in html


def test_applying_twice_says_so(group, participant):
    applications.apply(group, user=participant, message="")
    with pytest.raises(applications.AlreadyApplied) as error:
        applications.apply(group, user=participant, message="")
    assert "bereits" in str(error.value)
    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("status", "error", "text"),
    [
        (BalintGroup.Status.PAUSED, applications.GroupPaused, "pausiert"),
        (BalintGroup.Status.CLOSED, applications.GroupClosed, "geschlossen"),
    ],
)
def test_paused_or_closed_group_refuses_applications(participant, status, error, text):
    group = BalintGroupFactory(status=status)
    with pytest.raises(error) as raised:
        applications.apply(group, user=participant, message="")
    assert text in str(raised.value)
    assert not Application.objects.exists()


def test_member_cannot_apply_again(group, member):
    with pytest.raises(applications.AlreadyMember):
        applications.apply(group, user=member, message="")


def test_group_accepting_automatically_makes_a_member_at_once(participant):
    group = BalintGroupFactory(accepts_automatically=True)
    application = applications.apply(group, user=participant, message="")
    assert application.status == Application.Status.ACCEPTED
    assert application.membership.user == participant
    assert mail.outbox[-1].subject == f"Willkommen in der Gruppe „{group.title}“"


def test_accept_creates_membership_from_entry_date_with_prorated_fee(
    group, participant, leader
):
    FeeTierFactory(
        schedule=group.fee_schedule or _schedule(group), price_per_session="45.00"
    )
    application = applications.apply(group, user=participant, message="")
    entry = datetime.date.today() + datetime.timedelta(days=14)
    membership = applications.accept(
        application, actor=leader, entry_on=entry, note="Bis bald", remaining_sessions=4
    )
    application.refresh_from_db()
    assert membership.started_on == entry
    assert application.status == Application.Status.ACCEPTED
    assert application.prorated_fee == Decimal("180.00")
    assert application.decided_by == leader
    body = mail.outbox[-1].body
    assert "Bis bald" in body
    assert "180,00" in body or "180.00" in body
    assert AuditEvent.objects.filter(action="groups.application.accepted").exists()


def _schedule(group):
    from balintkreis.groups.tests.factories import FeeScheduleFactory

    group.fee_schedule = FeeScheduleFactory()
    group.save()
    return group.fee_schedule


def test_accepting_twice_is_refused(group, participant, leader):
    application = applications.apply(group, user=participant, message="")
    applications.accept(application, actor=leader, entry_on=datetime.date.today())
    with pytest.raises(applications.NotPending):
        applications.accept(application, actor=leader, entry_on=datetime.date.today())
    assert Membership.objects.filter(user=participant).count() == 1


def test_declining_frees_the_place_for_the_first_waiting(group, leader):
    fill(group, group.capacity - 1)
    pending = applications.apply(group, user=UserFactory(), message="")
    waiting = applications.apply(group, user=UserFactory(), message="")
    assert waiting.status == Application.Status.WAITING
    applications.decline(pending, actor=leader, reason="Nicht passend")
    waiting.refresh_from_db()
    assert waiting.status == Application.Status.OFFERED
    declined_mail = next(
        m
        for m in mail.outbox
        if m.to == [pending.user.email] and "Nicht passend" in m.body
    )
    assert "Nicht passend" in declined_mail.body


def test_withdrawing_a_pending_application_offers_the_place_on(group):
    fill(group, group.capacity - 1)
    pending = applications.apply(group, user=UserFactory(), message="")
    waiting = applications.apply(group, user=UserFactory(), message="")
    applications.withdraw(pending, user=pending.user)
    waiting.refresh_from_db()
    assert waiting.status == Application.Status.OFFERED
    with pytest.raises(applications.NotOpen):
        applications.withdraw(pending, user=pending.user)


def test_forming_group_starts_once_minimum_size_is_reached(leader):
    group = BalintGroupFactory(
        status=BalintGroup.Status.FORMING, min_size=3, accepts_automatically=True
    )
    people = [UserFactory() for _ in range(3)]
    for person in people[:2]:
        applications.apply(group, user=person, message="")
    group.refresh_from_db()
    assert group.status == BalintGroup.Status.FORMING
    applications.apply(group, user=people[2], message="")
    group.refresh_from_db()
    assert group.status == BalintGroup.Status.OPEN
    started = [m for m in mail.outbox if m.subject.endswith("startet")]
    assert len(started) == 3


def test_double_submit_gives_one_application(group, participant):
    applications.apply(group, user=participant, message="")
    with pytest.raises(applications.AlreadyApplied):
        applications.apply(group, user=participant, message="")
    assert ApplicationFactory._meta.model.objects.filter(user=participant).count() == 1


def test_members_joining_later_hold_their_place(group, participant, leader):
    application = applications.apply(group, user=participant, message="")
    applications.accept(
        application,
        actor=leader,
        entry_on=datetime.date.today() + datetime.timedelta(days=30),
    )
    annotated = BalintGroup.objects.with_free_places().get(pk=group.pk)
    assert (annotated.active_members, annotated.joining_members) == (0, 1)
    assert annotated.open_offers == 0
    assert (
        annotated.free_places == group.capacity - 1 == waiting_list.free_places(group)
    )
