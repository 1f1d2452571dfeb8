import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from balintkreis.billing.models import ServiceKind
from balintkreis.billing.tests.factories import (
    BillingAddressFactory,
    IssuerFactory,
    TaxRuleFactory,
)
from balintkreis.groups.tests.factories import FeeTierFactory, MembershipFactory
from balintkreis.meetings.tests.factories import MeetingFactory
from balintkreis.mentoring.models import SupervisionTerms
from balintkreis.mentoring.tests.factories import (
    MentoringSessionFactory,
    MentorshipFactory,
)

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


START = datetime.date(2026, 10, 1)
END = datetime.date(2026, 12, 31)


@pytest.fixture
def supervision(issuer):
    """Agreed at 80 € per session; two free and two paid sessions."""
    mentorship = MentorshipFactory(status="supervision", supervision_from=START)
    SupervisionTerms.objects.create(
        mentorship=mentorship,
        fee_per_session=Decimal("80.00"),
        frequency="monthly",
        starts_on=START,
        mentor_confirmed_at=timezone.now(),
        mentee_confirmed_at=timezone.now(),
    )
    for day in (datetime.date(2026, 9, 20), datetime.date(2026, 10, 5)):
        MentoringSessionFactory(mentorship=mentorship, held_on=day, is_free=True)
    for day in (datetime.date(2026, 10, 20), datetime.date(2026, 11, 17)):
        MentoringSessionFactory(mentorship=mentorship, held_on=day, is_free=False)
    BillingAddressFactory(user=mentorship.mentee, practice=True)
    return mentorship
