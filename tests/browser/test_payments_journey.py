"""The secretariat reconciles a bank statement by clicking only (issue 18
item 5): from the home's overdue card to the payments pages, a CAMT.053
upload, one automatic match and one partial payment assigned from the
review list. axe on every page."""

import datetime

from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.payments.tests.camt_builder import statement, transfer
from balintkreis.payments.tests.factories import invoice


def test_secretariat_imports_a_statement_and_assigns_a_partial_payment(
    page, login, axe, secretariat, tmp_path
):
    long_ago = datetime.date.today() - datetime.timedelta(days=60)
    paid = invoice(UserFactory(last_name="Zahlfreudig"), issued_on=long_ago)
    partial = invoice(UserFactory(last_name="Teilzahler"), issued_on=long_ago)
    upload = tmp_path / "auszug.xml"
    upload.write_bytes(
        statement(
            [
                transfer("120.00", f"Rechnung {paid.number}"),
                transfer("50.00", f"RE {partial.number} erste Rate"),
            ]
        )
    )
    login(secretariat)
    page.goto("/mein-bereich/")
    card = page.get_by_text("2 Rechnungen überfällig")
    expect(card).to_be_visible()
    axe(page)
    page.get_by_role("link", name="2 offene Rechnungen insgesamt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zahlungen")
    axe(page)

    page.get_by_role("link", name="Kontoauszug einlesen").click()
    page.get_by_label("Kontoauszug (CAMT.053, XML)").set_input_files(str(upload))
    page.get_by_role("button", name="Einlesen und zuordnen").click()
    expect(page.get_by_text("1 Zahlung gebucht")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Prüfliste öffnen").click()
    expect(page.get_by_role("heading", name="Teilzahlung")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Zuordnen").click()
    expect(
        page.get_by_text(f"der Rechnung {partial.number} zugeordnet")
    ).to_be_visible()
    expect(page.get_by_text("Nichts zu prüfen.")).to_be_visible()

    page.get_by_role("link", name="Offene Rechnungen").first.click()
    row = page.get_by_role("row").filter(has_text=partial.number)
    expect(row).to_contain_text("70,00 €")
    expect(page.get_by_role("row").filter(has_text=paid.number)).to_have_count(0)
