"""The secretariat's and the members' invoice pages (Django test client)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.billing import invoices
from balintkreis.billing.models import BillingAddress, FeeAgreement, Invoice
from balintkreis.billing.tests.conftest import END, START, TERM
from balintkreis.billing.tests.factories import BillingAddressFactory
from balintkreis.core.models import AuditEvent
from balintkreis.groups import offers
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.groups.tests.factories_registration import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice(billed_membership, secretariat):
    return invoices.issue_for_membership(
        billed_membership, term_from=TERM, by=secretariat
    )


def test_secretariat_home_and_navigation_lead_to_the_invoices(secretariat_client):
    home = secretariat_client.get(reverse("accounts:dashboard"))
    assertContains(home, reverse("billing:invoice-list"))
    assertContains(home, "Rechnungen für das Halbjahr erstellen")


def test_member_home_links_to_my_invoices(member_client):
    home = member_client.get(reverse("accounts:dashboard"))
    assertContains(home, reverse("billing:my-invoices"))


def test_member_home_shows_the_invoices_and_their_state(
    client, billed_membership, invoice
):
    client.force_login(billed_membership.user)
    home = client.get(reverse("accounts:dashboard"))
    assertContains(home, invoice.number)
    assertContains(home, "450,00 € – offen")
    assertContains(home, reverse("billing:invoice-pdf", args=[invoice.pk]))


def test_term_preview_then_issue(secretariat_client, billed_membership):
    group = billed_membership.group
    other = MembershipFactory(group=group, started_on=TERM)
    url = reverse("billing:term-preview", args=[group.slug])

    preview = secretariat_client.get(url)
    assertContains(preview, "450,00 €")
    assertContains(preview, "keine Rechnungsadresse")
    assert not Invoice.objects.exists()

    response = secretariat_client.post(url, {"memberships": [billed_membership.pk]})
    assert response.status_code == 302
    invoice = Invoice.objects.get()
    assert invoice.membership == billed_membership
    page = secretariat_client.get(url)
    assertContains(page, "1 Rechnung wurde ausgestellt.")
    assertContains(page, f">{invoice.number}<")
    assertContains(page, "bereits abgerechnet")
    assert other.pk  # left out: no billing address


def test_term_issue_without_selection_keeps_the_preview(
    secretariat_client, billed_membership
):
    url = reverse("billing:term-preview", args=[billed_membership.group.slug])
    response = secretariat_client.post(url, {})
    assertContains(response, "mindestens ein Mitglied", status_code=422)
    assert not Invoice.objects.exists()


def test_term_issue_ignores_forged_membership_ids(
    secretariat_client, billed_membership
):
    stranger = MembershipFactory(started_on=TERM)
    url = reverse("billing:term-preview", args=[billed_membership.group.slug])
    response = secretariat_client.post(url, {"memberships": [stranger.pk]})
    assert response.status_code == 422
    assert not Invoice.objects.exists()


def test_invoice_list_filters_and_searches(secretariat_client, invoice, secretariat):
    invoices.cancel_invoice(invoice, by=secretariat)
    url = reverse("billing:invoice-list")
    assertContains(secretariat_client.get(url), invoice.number)
    cancelled = secretariat_client.get(url, {"status": "cancelled"})
    assertContains(cancelled, f">{invoice.number}<")
    assertContains(cancelled, "<td>storniert</td>", html=False)
    assertNotContains(cancelled, "abgesagt")
    valid = secretariat_client.get(url, {"status": "open"})
    assertNotContains(valid, f">{invoice.number}<")
    assertContains(secretariat_client.get(url, {"q": "nobody"}), "Noch keine")


def test_cancel_from_the_invoice_page(secretariat_client, invoice):
    response = secretariat_client.post(
        reverse("billing:invoice-cancel", args=[invoice.pk]),
        {"reason": "Doppelt berechnet."},
    )
    cancellation = Invoice.objects.get(kind=Invoice.Kind.CANCELLATION)
    assert response["Location"] == reverse(
        "billing:invoice-detail", args=[cancellation.pk]
    )
    assert "Doppelt berechnet." in cancellation.note
    again = secretariat_client.post(
        reverse("billing:invoice-cancel", args=[invoice.pk]),
        {"reason": "Noch einmal"},
    )
    assertContains(again, "bereits storniert", status_code=422)
    assert Invoice.objects.filter(kind=Invoice.Kind.CANCELLATION).count() == 1


@pytest.mark.parametrize("name", ["billing:invoice-cancel", "billing:invoice-correct"])
def test_cancel_without_a_reason_keeps_the_page_and_the_input(
    secretariat_client, invoice, name
):
    response = secretariat_client.post(
        reverse(name, args=[invoice.pk]), {"reason": "  "}
    )
    assertContains(response, "Bitte geben Sie den Grund", status_code=422)
    assertContains(response, f"Rechnung {invoice.number}", status_code=422)
    assert not Invoice.objects.filter(kind=Invoice.Kind.CANCELLATION).exists()
    too_long = "Adresse falsch " * 30
    response = secretariat_client.post(
        reverse(name, args=[invoice.pk]), {"reason": too_long}
    )
    assertContains(response, too_long.strip(), status_code=422)
    assertContains(response, "300 Zeichen", status_code=422)
    assert not Invoice.objects.filter(kind=Invoice.Kind.CANCELLATION).exists()
    response = secretariat_client.post(
        reverse(name, args=[invoice.pk]), {"reason": "0\x1f0"}
    )
    assertContains(response, "Steuerzeichen", status_code=422)
    assert not Invoice.objects.filter(kind=Invoice.Kind.CANCELLATION).exists()


def test_correct_issues_a_new_invoice(secretariat_client, invoice, billed_membership):
    address = BillingAddress.objects.get(user=billed_membership.user)
    address.street = "Neue Straße 9"
    address.save()
    response = secretariat_client.post(
        reverse("billing:invoice-correct", args=[invoice.pk]),
        {"reason": "Neue Anschrift"},
    )
    new = Invoice.objects.get(kind=Invoice.Kind.GROUP_FEE, cancellation__isnull=True)
    assert response["Location"] == reverse("billing:invoice-detail", args=[new.pk])
    assert "Neue Straße 9" in new.recipient_address
    invoice.refresh_from_db()
    assert "Lindenweg 3" in invoice.recipient_address


def test_member_sees_own_invoices_and_downloads(billed_membership, invoice, client):
    client.force_login(billed_membership.user)
    page = client.get(reverse("billing:my-invoices"))
    assertContains(page, invoice.number)
    assertContains(page, "offen")
    pdf = client.get(reverse("billing:invoice-pdf", args=[invoice.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"factur-x.xml" in pdf.content
    xml = client.get(reverse("billing:invoice-xml", args=[invoice.pk]))
    assert b"xrechnung_3.0" in xml.content
    assert AuditEvent.objects.filter(action="billing.invoice.downloaded").count() == 2


def test_other_people_cannot_see_an_invoice(invoice, member_client):
    for name in [
        "billing:invoice-detail",
        "billing:invoice-pdf",
        "billing:invoice-xml",
    ]:
        assert member_client.get(reverse(name, args=[invoice.pk])).status_code == 404


def test_billing_address_form_keeps_input_on_error(participant_client, participant):
    url = reverse("billing:billing-address")
    response = participant_client.post(
        url,
        {
            "kind": "practice",
            "organisation": "",
            "street": "Markt 1",
            "postal_code": "07743",
            "city": "Jena",
            "country": "DE",
        },
    )
    assertContains(response, "Namen der Praxis oder Klinik", status_code=422)
    assertContains(response, 'value="Markt 1"', status_code=422)
    assert not BillingAddress.objects.exists()
    response = participant_client.post(
        url,
        {
            "kind": "practice",
            "organisation": "Praxis am Markt",
            "street": "Markt 1",
            "postal_code": "07743",
            "city": "Jena",
            "country": "de",
        },
    )
    assert response.status_code == 302
    address = BillingAddress.objects.get(user=participant)
    assert (address.organisation, address.country) == ("Praxis am Markt", "DE")


def test_secretariat_agrees_a_reduced_fee(secretariat_client, billed_membership):
    url = reverse("billing:agreement-membership", args=[billed_membership.pk])
    response = secretariat_client.post(url, {"kind": "reduced", "note": "PJ"})
    assertContains(response, "Ermäßigung in Prozent", status_code=422)
    response = secretariat_client.post(
        url, {"kind": "reduced", "reduction_percent": "30", "note": "PJ"}
    )
    assert response.status_code == 302
    agreement = FeeAgreement.objects.get()
    assert agreement.reduction_percent == Decimal("30")
    assert agreement.agreed_by.is_secretariat
    listing = secretariat_client.get(reverse("billing:agreement-list"))
    assertContains(listing, "ermäßigter Satz")
    secretariat_client.post(reverse("billing:agreement-remove", args=[agreement.pk]))
    assert not FeeAgreement.objects.exists()


def test_offer_page_shows_what_will_be_invoiced(client, billed_membership, issuer):
    application = ApplicationFactory(group=billed_membership.group, offered=True)
    page = client.get(reverse("groups:offer", args=[offers.offer_token(application)]))
    assertContains(page, "Ihnen werden")
    assertContains(page, "Umsatzsteuerfrei gemäß § 4 Nr. 21 UStG")
    assertContains(page, "Bitte hinterlegen Sie Ihre Rechnungsadresse")
    BillingAddressFactory(user=application.user, practice=True)
    page = client.get(reverse("groups:offer", args=[offers.offer_token(application)]))
    assertContains(page, "Die Rechnung geht an: Praxis am Markt")


def test_offer_page_of_a_group_on_request_names_the_fee_once(
    client, billed_membership, issuer
):
    group = billed_membership.group
    group.fee_and_places_on_request = True
    group.save()
    application = ApplicationFactory(group=group, offered=True)
    page = client.get(reverse("groups:offer", args=[offers.offer_token(application)]))
    html = page.content.decode()
    assert html.count("individuell") == 1
    assertNotContains(page, "Ihnen werden")
    assertContains(page, "Bitte hinterlegen Sie Ihre Rechnungsadresse")


def test_supervision_invoice_preview_then_issue(secretariat_client, supervision):
    mentorship = supervision
    url = reverse("billing:supervision-invoice", args=[mentorship.pk])
    assertContains(
        secretariat_client.get(reverse("billing:supervision-list")),
        mentorship.mentee.display_name,
    )
    period = {"period_from": START.isoformat(), "period_until": END.isoformat()}
    preview = secretariat_client.get(url, period)
    assertContains(preview, "160,00 €")
    response = secretariat_client.post(url, period)
    invoice = Invoice.objects.get()
    assert response["Location"] == reverse("billing:invoice-detail", args=[invoice.pk])
    again = secretariat_client.post(url, period)
    assertContains(again, "bereits abgerechnet", status_code=422)
    bad = secretariat_client.post(
        url, {"period_from": END.isoformat(), "period_until": START.isoformat()}
    )
    assertContains(bad, "endet, bevor", status_code=422)


@pytest.mark.parametrize("count", [3, 30])
def test_invoice_lists_cost_the_same_for_3_and_30(
    count, client, secretariat_client, term_group, issuer, django_assert_num_queries
):
    user = None
    for _ in range(count):
        membership = MembershipFactory(group=term_group, started_on=TERM)
        BillingAddressFactory(user=membership.user)
        invoices.issue_for_membership(membership, term_from=TERM, by=None)
        user = user or membership.user
    client.force_login(user)
    # session, user, invoices (with cancellations joined), billing address,
    # the paid sums of the payments app's invoice_states hook
    with django_assert_num_queries(5):
        client.get(reverse("billing:my-invoices"))
    # session, user, invoices (with cancellations joined), paid sums
    with django_assert_num_queries(4):
        secretariat_client.get(reverse("billing:invoice-list"))
