"""The secretariat's and a member's journeys through billing and payments,
clicked as a person would: every step follows a link or form found on the
page before (Django test client, no browser)."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.billing.models import Invoice
from balintkreis.billing.tests import conftest as billing_fixtures
from balintkreis.billing.tests.conftest import TERM

# billing's fixtures: a group billed 45 € x 10 and a member with an address.
term_group = billing_fixtures.term_group
issuer = billing_fixtures.issuer
billed_membership = billing_fixtures.billed_membership

pytestmark = pytest.mark.django_db


def hrefs(response) -> list[str]:
    return [
        html.unescape(h)
        for h in re.findall(r'href="([^"]+)"', response.content.decode())
    ]


def click(client, response, url: str, **kwargs):
    """Follow ``url`` only if the page links to it."""
    assert url in hrefs(response), f"no link to {url}"
    page = client.get(url, **kwargs)
    assert page.status_code == 200, url
    return page


def test_secretariat_bills_a_term_corrects_and_records_the_payment(
    client, secretariat, billed_membership, settings
):
    client.force_login(secretariat)
    group = billed_membership.group
    home = client.get("/")
    invoices_page = click(client, home, reverse("billing:invoice-list"))
    groups_page = click(client, invoices_page, reverse("billing:term-groups"))
    preview_url = reverse("billing:term-preview", args=[group.slug])
    preview = click(client, groups_page, preview_url)
    assertContains(preview, "450,00 €")
    issued = client.post(
        preview_url, {"memberships": [billed_membership.pk]}, follow=True
    )
    assertContains(issued, "1 Rechnung wurde ausgestellt")
    invoice = Invoice.objects.get()
    # The preview now names the invoice and links to it.
    assert reverse("billing:invoice-detail", args=[invoice.pk]) in hrefs(issued)

    # The invoice from the list, then cancel and re-issue it.
    invoices_page = click(client, issued, reverse("billing:invoice-list"))
    detail = click(
        client, invoices_page, reverse("billing:invoice-detail", args=[invoice.pk])
    )
    assertContains(detail, reverse("billing:invoice-correct", args=[invoice.pk]))
    empty = client.post(
        reverse("billing:invoice-correct", args=[invoice.pk]), {"reason": ""}
    )
    assertContains(empty, "Bitte geben Sie den Grund", status_code=422)
    corrected = client.post(
        reverse("billing:invoice-correct", args=[invoice.pk]),
        {"reason": "Neue Anschrift"},
        follow=True,
    )
    new = Invoice.objects.get(kind=Invoice.Kind.GROUP_FEE, cancellation__isnull=True)
    assertContains(corrected, f"durch {new.number} ersetzt")
    # Back to the list, and from the new invoice to its payments.
    assert reverse("billing:invoice-list") in hrefs(corrected)
    record_url = reverse("payments:record", args=[new.pk])
    record_page = click(client, corrected, record_url)
    assertContains(record_page, "450,00")

    # The same page from the payments overview in the main navigation.
    overview = click(client, client.get("/"), reverse("payments:overview"))
    assert record_url in hrefs(overview)
    paid = client.post(
        record_url,
        {
            "paid_on": TERM.isoformat(),
            "amount": "450.00",
            "method": "transfer",
            "note": "",
        },
        follow=True,
    )
    assert paid.status_code == 200
    assertContains(paid, "Zahlung zur Rechnung")
    new_detail = click(client, paid, reverse("billing:invoice-detail", args=[new.pk]))
    assertContains(new_detail, '<span class="badge">bezahlt</span>', html=True)

    # The accounting export: period, preview, CSV.
    accounting = click(client, paid, reverse("payments:accounting"))
    today = datetime.date.today()
    period = {
        "period_from": f"{today.year}-01-01",
        "period_until": f"{today.year}-12-31",
    }
    preview = client.get(reverse("payments:accounting"), period)
    assert preview.status_code == 200
    csv_link = next(h for h in hrefs(preview) if "export.csv" in h)
    csv = client.get(csv_link)
    assert csv.status_code == 200
    assert csv["Content-Type"].startswith("text/csv")
    body = csv.content.decode("utf-8-sig")
    assert new.number in body
    assert invoice.number in body
    assert accounting.status_code == 200


def test_member_finds_invoices_downloads_and_gives_a_mandate(
    client, billed_membership, secretariat, settings
):
    from balintkreis.billing import invoices

    settings.SEPA_CREDITOR_ID = "DE98ZZZ09999999999"
    invoice = invoices.issue_for_membership(
        billed_membership, term_from=TERM, by=secretariat
    )
    client.force_login(billed_membership.user)
    home = client.get(reverse("accounts:dashboard"))
    mine = click(client, home, reverse("billing:my-invoices"))
    detail = click(client, mine, reverse("billing:invoice-detail", args=[invoice.pk]))
    assert reverse("billing:my-invoices") in hrefs(detail)
    for name in ("billing:invoice-pdf", "billing:invoice-xml"):
        url = reverse(name, args=[invoice.pk])
        assert url in hrefs(mine)
        assert url in hrefs(detail)
        assert client.get(url).status_code == 200
    # From the invoices to paying them, and to the mandate.
    paying = click(client, mine, reverse("payments:mine"))
    assert reverse("billing:my-invoices") in hrefs(paying)
    mandate_page = click(client, paying, reverse("payments:mandate"))
    assert reverse("payments:mine") in hrefs(mandate_page)
    given = client.post(
        reverse("payments:mandate"),
        {
            "account_holder": "Mitglied",
            "iban": "DE89 3704 0044 0532 0130 00",
            "consent": "on",
        },
        follow=True,
    )
    assertContains(given, "3000")
    assert given.redirect_chain[-1][0] == reverse("payments:mine")
