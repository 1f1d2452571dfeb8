import datetime

import pytest
from django.utils import timezone

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups import applications, memberships
from balintkreis.groups.models import Application, EntryDate
from balintkreis.groups.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_default_entry_date_is_the_next_planned_one(group):
    today = timezone.localdate()
    EntryDate.objects.create(group=group, starts_on=today + datetime.timedelta(days=20))
    EntryDate.objects.create(group=group, starts_on=today - datetime.timedelta(days=5))
    assert memberships.default_entry_on(
        group, today=today
    ) == today + datetime.timedelta(days=20)


def test_ending_twice_or_before_start_is_refused(group, member, secretariat):
    membership = member.memberships.get()
    with pytest.raises(memberships.EndBeforeStart):
        memberships.end(
            membership,
            ended_on=membership.started_on - datetime.timedelta(days=1),
            reason="",
            actor=secretariat,
        )
    memberships.end(
        membership, ended_on=timezone.localdate(), reason="", actor=secretariat
    )
    with pytest.raises(memberships.MembershipAlreadyEnded):
        memberships.end(
            membership, ended_on=timezone.localdate(), reason="", actor=secretariat
        )


def test_carry_over_keeps_continuing_members_and_offers_the_rest(group, secretariat):
    stays = MembershipFactory(group=group)
    leaves = MembershipFactory(group=group)
    for _ in range(group.capacity - 2):
        MembershipFactory(group=group)
    waiting = applications.apply(group, user=UserFactory(), message="")
    continuing = set(
        group.memberships.exclude(pk=leaves.pk).values_list("pk", flat=True)
    )
    today = timezone.localdate()
    ended = memberships.carry_over(
        group, next_term_starts_on=today, continuing=continuing, actor=secretariat
    )
    assert [m.pk for m in ended] == [leaves.pk]
    stays.refresh_from_db()
    leaves.refresh_from_db()
    assert stays.ended_on is None
    assert leaves.ended_on == today
    group.refresh_from_db()
    assert group.term_started_on == today
    waiting.refresh_from_db()
    assert waiting.status == Application.Status.OFFERED
