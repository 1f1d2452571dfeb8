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


def test_demo_meetings_follow_the_groups_rhythm_and_entry_dates_are_meetings():
    """Issue 13 item 9: a weekly group meets weekly, on its weekday."""
    import datetime

    from django.utils import timezone

    from balintkreis.groups.models import EntryDate

    weekly = BalintGroupFactory(rhythm="weekly", weekday=3)
    monthly = BalintGroupFactory(rhythm="monthly", weekday=4)
    block = BalintGroupFactory(rhythm="block", weekday=5, sessions_per_date=3)
    first_entry = timezone.localdate() + datetime.timedelta(days=9)
    EntryDate.objects.create(group=weekly, starts_on=first_entry)
    EntryDate.objects.create(
        group=weekly, starts_on=first_entry + datetime.timedelta(1)
    )
    demo.load(stdout=io.StringIO())
    days = [m.local_date for m in weekly.meetings.order_by("starts_at")]
    assert len(days) == 18
    assert {b - a for a, b in zip(days, days[1:], strict=False)} == {
        datetime.timedelta(days=7)
    }
    assert {d.weekday() for d in days} == {3}
    monthly_days = [m.local_date for m in monthly.meetings.all()]
    assert {d.weekday() for d in monthly_days} == {4}
    assert all(d.day <= 7 for d in monthly_days)  # the first Friday
    assert {m.local_date.weekday() for m in block.meetings.all()} == {5}
    entry_days = [e.starts_on for e in weekly.entry_dates.all()]
    assert entry_days
    assert set(entry_days) <= set(days)
