import datetime

import pytest
import time_machine
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from balintkreis.payments.models import SepaMandate
from balintkreis.payments.tests.factories import invoice

NOW = datetime.datetime(2026, 12, 2, 9, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _direct_debit_offered(settings):
    settings.SEPA_CREDITOR_ID = "DE98ZZZ09999999999"


def test_without_a_creditor_id_no_mandate_is_taken(settings, member_client):
    settings.SEPA_CREDITOR_ID = ""
    response = member_client.post(
        reverse("payments:mandate"),
        {"account_holder": "M", "iban": "DE89370400440532013000", "consent": "on"},
    )
    assertContains(response, "noch keine Lastschrift")
    assert not SepaMandate.objects.exists()


@time_machine.travel(NOW)
def test_members_see_their_own_invoices_with_status_only(
    member_client, member, participant
):
    own = invoice(member, "120.00")
    other = invoice(participant, "80.00")
    response = member_client.get(reverse("payments:mine"))
    assertContains(response, own.number)
    assertContains(response, "überfällig")
    assertNotContains(response, other.number)


def test_a_member_gives_and_revokes_a_mandate(settings, member_client, member):
    settings.SEPA_CREDITOR_ID = "DE98ZZZ09999999999"
    response = member_client.post(
        reverse("payments:mandate"),
        {
            "account_holder": "Moritz Mitglied",
            "iban": "DE89 3704 0044 0532 0130 00",
            "bic": "",
            "consent": "on",
        },
    )
    assertRedirects(response, reverse("payments:mine"))
    mandate = SepaMandate.objects.get()
    assert mandate.user == member
    response = member_client.get(reverse("payments:mine"))
    assertContains(response, mandate.reference)
    response = member_client.post(reverse("payments:mandate-revoke"))
    assertRedirects(response, reverse("payments:mine"))
    mandate.refresh_from_db()
    assert mandate.revoked_at is not None


def test_an_invalid_iban_is_explained_and_kept(member_client):
    response = member_client.post(
        reverse("payments:mandate"),
        {"account_holder": "M", "iban": "DE89 3704 0044 0532 0130 01", "consent": "on"},
    )
    assertContains(response, "DE89 3704 0044 0532 0130 01", status_code=422)
    assertContains(response, "IBAN", status_code=422)
    assert not SepaMandate.objects.exists()


def test_without_consent_no_mandate(member_client):
    response = member_client.post(
        reverse("payments:mandate"),
        {"account_holder": "M", "iban": "DE89370400440532013000"},
    )
    assert response.status_code == 422
    assert not SepaMandate.objects.exists()


def test_billings_invoice_list_shows_paid_and_partly_paid(member_client, member):
    from decimal import Decimal

    from balintkreis.payments.models import Payment

    paid, partly = invoice(member, "120.00"), invoice(member, "80.00")
    for inv, amount in ((paid, "120.00"), (partly, "30.00")):
        Payment.objects.create(
            invoice=inv, paid_on=inv.issued_on, amount=Decimal(amount), method="cash"
        )
    response = member_client.get(reverse("billing:my-invoices"))
    assertContains(response, "bezahlt")
    assertContains(response, "teilweise bezahlt, 50,00 € offen")
    # Paid invoices are not on the "paying invoices" page.
    response = member_client.get(reverse("payments:mine"))
    assertNotContains(response, paid.number)
    assertContains(response, partly.number)
