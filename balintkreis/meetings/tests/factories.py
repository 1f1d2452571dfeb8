import datetime

import factory
from django.utils import timezone

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.meetings.models import Attendance, CasePresentation, Meeting


def days_ago(days: int, hour: int = 18) -> datetime.datetime:
    day = timezone.localdate() - datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    group = factory.SubFactory(BalintGroupFactory)
    starts_at = factory.LazyFunction(lambda: days_ago(1))
    duration_minutes = 90
    place = "Institut, Raum 1"

    class Params:
        online = factory.Trait(format=Meeting.Format.ONLINE, place="")
        future = factory.Trait(starts_at=factory.LazyFunction(lambda: days_ago(-7)))


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    status = Attendance.Status.PRESENT
    mode = factory.LazyAttribute(lambda o: o.meeting.format)

    class Params:
        confirmed = factory.Trait(
            confirmed_at=factory.LazyFunction(timezone.now),
            confirmed_by=factory.LazyAttribute(lambda o: o.meeting.group.leader),
        )


class CasePresentationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CasePresentation

    meeting = factory.SubFactory(MeetingFactory)
    presenter = factory.SubFactory(UserFactory)
    theme = "Fall 1, Hausarztpraxis"
