import io

import pytest

from balintkreis.accounts import demo as accounts_demo
from balintkreis.accounts.models import User
from balintkreis.cme import demo as cme_demo
from balintkreis.cme.models import Certificate, EventNumber
from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory
from balintkreis.meetings import demo, progress
from balintkreis.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def test_demo_without_groups_is_skipped():
    out = io.StringIO()
    demo.load(stdout=out)
    assert "skipped" in out.getvalue()


def test_demo_gives_the_demo_member_progress_and_a_certificate():
    accounts_demo.load(stdout=io.StringIO())
    leader = User.objects.get(email="leitung@demo.balintkreis.example")
    first = BalintGroupFactory(leader=leader)
    BalintGroupFactory(leader=leader, format=BalintGroup.Format.HYBRID)
    for _i in range(8):
        MembershipFactory(group=first)
    for _run in range(2):  # idempotent
        demo.load(stdout=io.StringIO())
        cme_demo.load(stdout=io.StringIO())
    assert Meeting.objects.filter(group=first).count() == 18
    member = User.objects.get(email="teilnahme@demo.balintkreis.example")
    (p,) = progress.for_person(member)
    assert p.double_sessions >= 8
    assert Certificate.objects.filter(user=member).count() == 1
    assert EventNumber.objects.get(group=first).vnr == "2760012024200354002"
