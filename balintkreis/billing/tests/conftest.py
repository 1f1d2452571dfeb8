import datetime
from decimal import Decimal

import pytest

from balintkreis.billing.models import ServiceKind
from balintkreis.billing.tests.factories import (
    BillingAddressFactory,
    IssuerFactory,
    TaxRuleFactory,
)
from balintkreis.groups.tests.factories import FeeTierFactory, MembershipFactory
from balintkreis.meetings.tests.factories import MeetingFactory

TERM = datetime.date(2026, 3, 1)


@pytest.fixture
def issuer(db):
    issuer = IssuerFactory()
    TaxRuleFactory(issuer=issuer, kind=ServiceKind.GROUP_FEE)
    TaxRuleFactory(
        issuer=issuer,
        kind=ServiceKind.SUPERVISION,
        vat_rate=Decimal("19.00"),
        exemption_note="",
    )
    return issuer


@pytest.fixture
def term_group(group):
    """The conftest group with a fee of 45 € per double session, 10 per term
    from 1 March 2026, and ten planned meetings."""
    group.fee_schedule = FeeTierFactory(price_per_session="45.00").schedule
    group.term_started_on = TERM
    group.term_sessions = 10
    group.save()
    for week in range(10):
        MeetingFactory(
            group=group,
            starts_at=datetime.datetime(2026, 3, 4, 18, tzinfo=datetime.UTC)
            + datetime.timedelta(weeks=2 * week),
        )
    return group


@pytest.fixture
def billed_membership(term_group, issuer):
    membership = MembershipFactory(
        group=term_group, started_on=datetime.date(2026, 1, 1)
    )
    BillingAddressFactory(user=membership.user)
    return membership
