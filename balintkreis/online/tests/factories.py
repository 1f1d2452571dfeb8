import datetime

import factory
from django.utils import timezone

from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.meetings.models import Meeting


class OnlineMeetingFactory(factory.django.DjangoModelFactory):
    """An online meeting that started five minutes ago (the room is open)."""

    class Meta:
        model = Meeting

    group = factory.SubFactory(BalintGroupFactory, online=True)
    starts_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(minutes=5)
    )
    duration_minutes = 90
    format = Meeting.Format.ONLINE
    place = "Jitsi Meet"
