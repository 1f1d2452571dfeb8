import datetime
from decimal import Decimal

import factory

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.billing.models import (
    BillingAddress,
    FeeAgreement,
    Issuer,
    ServiceKind,
    TaxRule,
)


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer

    name = "Balint-Institut Jena e. V."
    street = "Beispielstraße 1"
    postal_code = "07743"
    city = "Jena"
    tax_number = "161/123/45678"
    vat_id = ""
    contact_name = "Sina Sekretariat"
    email = "rechnungen@balint-institut.example"
    phone = "+49 3641 123456"
    bank_name = "Beispielbank Jena"
    iban = "DE02120300000000202051"
    bic = "BYLADEM1001"


class TaxRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaxRule

    issuer = factory.SubFactory(IssuerFactory)
    kind = ServiceKind.GROUP_FEE
    vat_rate = Decimal("0.00")
    exemption_note = "Umsatzsteuerfrei gemäß § 4 Nr. 21 UStG"


class BillingAddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BillingAddress

    user = factory.SubFactory(UserFactory)
    street = "Lindenweg 3"
    postal_code = "07745"
    city = "Jena"

    class Params:
        practice = factory.Trait(
            kind=BillingAddress.Kind.PRACTICE, organisation="Praxis am Markt"
        )


class FeeAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeeAgreement

    kind = FeeAgreement.Kind.REDUCED
    reduction_percent = Decimal("50")
    note = "Weiterbildungsassistenz"
    agreed_on = factory.LazyFunction(datetime.date.today)
