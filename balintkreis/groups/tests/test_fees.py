from decimal import Decimal

import pytest

from balintkreis.groups import fees
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    MembershipFactory,
)


@pytest.fixture
def schedule(db):
    schedule = FeeScheduleFactory(name="Gestaffelt")
    FeeTierFactory(schedule=schedule, min_size=6, max_size=9, price_per_session="55.00")
    FeeTierFactory(
        schedule=schedule, min_size=10, max_size=12, price_per_session="45.00"
    )
    return schedule


@pytest.mark.parametrize(
    ("capacity", "price"),
    [(6, "55.00"), (9, "55.00"), (10, "45.00"), (12, "45.00")],
)
def test_price_follows_the_tier_of_the_planned_group_size(schedule, capacity, price):
    group = BalintGroupFactory(
        fee_schedule=schedule, capacity=capacity, min_size=min(capacity, 8)
    )

    fee = fees.fee_for(group)

    assert fee.per_session == Decimal(price)


def test_fee_per_term_is_price_times_double_sessions_of_the_term(schedule):
    group = BalintGroupFactory(
        fee_schedule=schedule, capacity=10, term_sessions=15, term_label="Kurs"
    )

    fee = fees.fee_for(group)

    assert fee.per_term == Decimal("675.00")
    assert fee.term_sessions == 15
    assert fee.term_label == "Kurs"


def test_fee_is_on_request_when_no_tier_fits(schedule):
    group = BalintGroupFactory(fee_schedule=schedule, capacity=14)

    assert fees.fee_for(group) is None


def test_fee_is_on_request_without_a_schedule(db):
    group = BalintGroupFactory(fee_schedule=None)

    assert fees.fee_for(group) is None


def test_overlapping_tiers_take_the_lower_one(schedule):
    FeeTierFactory(schedule=schedule, min_size=8, max_size=15, price_per_session="40")
    group = BalintGroupFactory(fee_schedule=schedule, capacity=9)

    assert fees.fee_for(group).per_session == Decimal("55.00")


def test_fee_is_unchanged_when_members_come_and_go(schedule):
    group = BalintGroupFactory(fee_schedule=schedule, capacity=10)
    MembershipFactory.create_batch(3, group=group)

    assert fees.fee_for(group).per_session == Decimal("45.00")
