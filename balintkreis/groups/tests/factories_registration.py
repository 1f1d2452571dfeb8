import datetime

import factory
from django.utils import timezone

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.models import Application, InterestListEntry
from balintkreis.groups.tests.factories import BalintGroupFactory


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    group = factory.SubFactory(BalintGroupFactory)
    user = factory.SubFactory(UserFactory)
    status = Application.Status.PENDING
    confidentiality_version = "2026-11"

    class Params:
        waiting = factory.Trait(
            status=Application.Status.WAITING,
            waiting_rank=factory.Sequence(lambda n: n + 1),
        )
        offered = factory.Trait(
            status=Application.Status.OFFERED,
            offered_at=factory.LazyFunction(timezone.now),
            offer_expires_at=factory.LazyFunction(
                lambda: timezone.now() + datetime.timedelta(days=7)
            ),
        )


class InterestListEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InterestListEntry

    user = factory.SubFactory(UserFactory)
    region = InterestListEntry.Region.TH
    format = "in_person"
