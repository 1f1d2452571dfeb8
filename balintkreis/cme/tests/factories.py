import datetime

import factory

from balintkreis.accounts.tests.factories import ChamberFactory
from balintkreis.cme.models import EventNumber
from balintkreis.groups.tests.factories import BalintGroupFactory

VALID_VNR = "2760012024200354002"
INVALID_VNR = "2760012024200354003"


class EventNumberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventNumber

    group = factory.SubFactory(BalintGroupFactory)
    vnr = VALID_VNR
    chamber = factory.SubFactory(ChamberFactory)
    points = 3
    valid_from = factory.LazyFunction(
        lambda: datetime.date.today() - datetime.timedelta(days=365)
    )
    valid_until = factory.LazyFunction(
        lambda: datetime.date.today() + datetime.timedelta(days=365)
    )
    password = "geheim42"
