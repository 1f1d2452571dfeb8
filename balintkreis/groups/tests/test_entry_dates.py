"""Entry dates are real meeting dates (issue 13 item 9)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.groups import memberships
from balintkreis.groups.models import EntryDate
from balintkreis.groups.tests.factories_registration import ApplicationFactory
from balintkreis.meetings.tests.factories import MeetingFactory, days_ago

pytestmark = pytest.mark.django_db


def test_default_entry_date_falls_back_to_the_next_meeting(group):
    today = timezone.localdate()
    assert memberships.default_entry_on(group, today=today) == today
    MeetingFactory(group=group, starts_at=days_ago(-10))
    MeetingFactory(group=group, starts_at=days_ago(-3), is_cancelled=True)
    assert memberships.default_entry_on(group, today=today) == (
        today + datetime.timedelta(days=10)
    )


def test_entry_date_must_be_a_meeting_day(group):
    meeting = MeetingFactory(group=group, starts_at=days_ago(-14))
    ok = EntryDate(group=group, starts_on=meeting.local_date)
    ok.full_clean()
    wrong = EntryDate(group=group, starts_on=meeting.local_date + datetime.timedelta(1))
    with pytest.raises(ValidationError) as error:
        wrong.full_clean()
    assert "keine geplante Sitzung" in str(error.value)


def test_accept_offers_the_groups_meeting_dates(leader_client, group):
    application = ApplicationFactory(group=group)
    first = MeetingFactory(group=group, starts_at=days_ago(-7))
    second = MeetingFactory(group=group, starts_at=days_ago(-21))
    url = reverse("groups:application-accept", args=[group.slug, application.pk])
    page = leader_client.get(url)
    assertContains(page, f'<option value="{first.local_date.isoformat()}" selected>')
    assertContains(page, f'value="{second.local_date.isoformat()}"')
    assertNotContains(page, 'type="date" name="entry_on"')
    assertNotContains(page, "---------")
    wrong = first.local_date + datetime.timedelta(days=1)
    response = leader_client.post(url, {"entry_on": wrong.isoformat()})
    assert response.status_code == 422
    response = leader_client.post(url, {"entry_on": second.local_date.isoformat()})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.entry_on == second.local_date
