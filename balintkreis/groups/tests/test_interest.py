import pytest
from django.core import mail

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups import interest
from balintkreis.groups.models import InterestListEntry

pytestmark = pytest.mark.django_db(transaction=True)


def test_secretariat_hears_once_when_enough_people_wait(settings):
    settings.INTEREST_LIST_THRESHOLD = 3
    for _ in range(4):
        interest.register(UserFactory(), region="TH", format="online")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [settings.SECRETARIAT_EMAIL]
    assert "3 Personen für Thüringen, online" in mail.outbox[0].subject
    rows = interest.overview()
    assert rows == [
        {
            "region": "Thüringen",
            "format": "online",
            "nationwide": False,
            "waiting": 4,
            "ready": True,
        }
    ]


def test_registering_twice_is_refused_and_removal_is_kept(participant):
    entry = interest.register(participant, region="TH", format="online")
    with pytest.raises(interest.AlreadyInterested):
        interest.register(participant, region="TH", format="online")
    interest.remove(entry, user=participant)
    assert InterestListEntry.objects.get().ended_at is not None
    interest.register(participant, region="TH", format="online")
    assert InterestListEntry.objects.filter(ended_at__isnull=True).count() == 1
