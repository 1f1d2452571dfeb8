import datetime

import factory

from balintkreis.accounts.tests.factories import LeaderFactory, UserFactory
from balintkreis.groups.models import (
    BalintGroup,
    EntryDate,
    FeeSchedule,
    FeeTier,
    Inquiry,
    Membership,
)


class FeeScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeSchedule
        django_get_or_create = ("name",)

    name = "Standard"


class FeeTierFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeTier

    schedule = factory.SubFactory(FeeScheduleFactory)
    min_size = 8
    max_size = 12
    price_per_session = "45.00"


class BalintGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BalintGroup

    title = factory.Sequence(lambda n: f"Balintgruppe {n}")
    slug = factory.Sequence(lambda n: f"gruppe-{n}")
    format = BalintGroup.Format.IN_PERSON
    city = "Jena"
    venue = "Institut, Beispielstraße 1, 07743 Jena"
    leader = factory.SubFactory(LeaderFactory)
    capacity = 12
    rhythm = BalintGroup.Rhythm.BIWEEKLY
    weekday = BalintGroup.Weekday.WEDNESDAY
    starts_at = datetime.time(18, 0)

    class Params:
        online = factory.Trait(format=BalintGroup.Format.ONLINE, city="", venue="")
        paused = factory.Trait(status=BalintGroup.Status.PAUSED)
        closed = factory.Trait(status=BalintGroup.Status.CLOSED)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(BalintGroupFactory)
    user = factory.SubFactory(UserFactory)
    started_on = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=30)
    )


class EntryDateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EntryDate

    group = factory.SubFactory(BalintGroupFactory)
    starts_on = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=30)
    )


class InquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inquiry

    name = "Clara Anfrage"
    email = factory.Sequence(lambda n: f"anfrage{n}@example.org")
    profession = "physician"
    message = "Gibt es noch freie Plätze?"
    consent_version = "2026-11"
