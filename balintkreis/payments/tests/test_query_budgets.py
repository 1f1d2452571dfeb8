"""Lists cost the same number of queries for 3 and for 30 invoices."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.payments.tests.factories import invoice


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["payments:overview", "payments:direct-debits"])
def test_secretariat_lists_do_not_grow_with_the_invoices(secretariat_client, name):
    for _ in range(3):
        invoice(UserFactory())
    few = queries_for(secretariat_client, reverse(name))
    for _ in range(27):
        invoice(UserFactory())
    assert queries_for(secretariat_client, reverse(name)) == few


def test_my_invoices_do_not_grow_with_the_invoices(member_client, member):
    for _ in range(3):
        invoice(member)
    few = queries_for(member_client, reverse("payments:mine"))
    for _ in range(27):
        invoice(member)
    assert queries_for(member_client, reverse("payments:mine")) == few
