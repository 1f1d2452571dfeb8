import datetime

import pytest

from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory

TODAY = datetime.date(2026, 11, 25)


def free_places(group, on=TODAY):
    return BalintGroup.objects.with_free_places(on=on).get(pk=group.pk).free_places


@pytest.mark.django_db
def test_free_places_are_capacity_minus_active_members():
    group = BalintGroupFactory(capacity=10)
    MembershipFactory.create_batch(
        4, group=group, started_on=TODAY - datetime.timedelta(days=5)
    )

    assert free_places(group) == 6


@pytest.mark.django_db
def test_members_who_left_free_their_place_but_later_starters_hold_one():
    group = BalintGroupFactory(capacity=10)
    MembershipFactory(
        group=group,
        started_on=TODAY - datetime.timedelta(days=100),
        ended_on=TODAY - datetime.timedelta(days=1),
    )
    MembershipFactory(group=group, started_on=TODAY + datetime.timedelta(days=7))
    MembershipFactory(group=group, started_on=TODAY)

    # The member starting next week holds the place already; otherwise the
    # group would be overbooked on their first day (groups/waiting_list.py).
    assert free_places(group) == 8


@pytest.mark.django_db
def test_a_member_leaving_today_frees_the_place_today():
    group = BalintGroupFactory(capacity=8)
    MembershipFactory(group=group, started_on=TODAY, ended_on=TODAY)

    assert free_places(group) == 8


@pytest.mark.django_db
def test_full_group_has_zero_free_places_never_negative():
    group = BalintGroupFactory(capacity=3, min_size=3)
    MembershipFactory.create_batch(
        4, group=group, started_on=TODAY - datetime.timedelta(days=5)
    )

    assert free_places(group) == 0
