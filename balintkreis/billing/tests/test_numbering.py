"""Invoice numbers: unique and without gaps per issuer and year, also when
two secretaries issue at the same moment (a row lock on InvoiceCounter)."""

import datetime
import threading

import pytest
from django.db import connection, transaction

from balintkreis.billing import invoices
from balintkreis.billing.models import Invoice
from balintkreis.billing.tests.conftest import TERM
from balintkreis.billing.tests.factories import BillingAddressFactory, IssuerFactory
from balintkreis.groups.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)

DAY = datetime.date(2026, 3, 10)


def test_numbers_start_again_each_year_and_per_issuer(db):
    issuer = IssuerFactory()
    other = IssuerFactory(name="Zweites Institut", is_default=False)
    with transaction.atomic():
        assert invoices.next_number(issuer, 2026) == "2026-00001"
        assert invoices.next_number(issuer, 2026) == "2026-00002"
        assert invoices.next_number(issuer, 2027) == "2027-00001"
        assert invoices.next_number(other, 2026) == "2026-00001"


def test_a_rolled_back_invoice_gives_its_number_back(billed_membership, secretariat):
    class Abort(Exception):
        pass

    def issue_and_abort():
        with transaction.atomic():
            invoices.issue_for_membership(
                billed_membership, term_from=TERM, by=secretariat, issued_on=DAY
            )
            raise Abort

    with pytest.raises(Abort):
        issue_and_abort()
    invoice = invoices.issue_for_membership(
        billed_membership, term_from=TERM, by=secretariat, issued_on=DAY
    )
    assert invoice.number == "2026-00001"


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the in-memory SQLite test database has no concurrent writers",
)
def test_concurrent_issuing_gives_unique_gapless_numbers(term_group, issuer):
    memberships = []
    for _ in range(12):
        membership = MembershipFactory(group=term_group, started_on=TERM)
        BillingAddressFactory(user=membership.user)
        memberships.append(membership)
    barrier = threading.Barrier(len(memberships))
    errors: list[Exception] = []

    def issue(membership):
        try:
            barrier.wait(timeout=10)
            invoices.issue_for_membership(
                membership, term_from=TERM, by=None, issued_on=DAY
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(m,)) for m in memberships]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == [f"2026-{n:05d}" for n in range(1, 13)]


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the in-memory SQLite test database has no concurrent writers",
)
def test_concurrent_issuing_for_one_member_bills_once(billed_membership):
    barrier = threading.Barrier(4)
    results: list[str] = []

    def issue():
        try:
            barrier.wait(timeout=10)
            invoices.issue_for_membership(
                billed_membership, term_from=TERM, by=None, issued_on=DAY
            )
            results.append("issued")
        except invoices.InvoiceError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=issue) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(results) == ["issued", "refused", "refused", "refused"]
    assert Invoice.objects.count() == 1
