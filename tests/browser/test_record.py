"""The record journey (issue 19): a member opens "Mein Balint-Konto" from
the overview, chooses PSGV, adds a certificate from another provider with
its scan, the secretariat (who sees it waiting on their overview) confirms it
against the scan, the member opens the logbook and deletes the entry; every
page is checked with axe."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)
from balintkreis.record.tests.factories import PDF_BYTES


def _log_in_as(page, live_server, user):
    # A forced session cookie keeps this test independent of the log-in page.
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.django_db(transaction=True)
def test_member_records_an_outside_certificate_and_secretariat_confirms(
    page, axe, live_server, member, group
):
    for days in (60, 30):
        meeting = MeetingFactory(group=group, starts_at=days_ago(days))
        AttendanceFactory(meeting=meeting, user=member, confirmed=True)
    secretariat = UserFactory(
        first_name="Sina", last_name="Sekretariat", is_secretariat=True
    )

    _log_in_as(page, live_server, member)
    page.goto("/mein-bereich/")
    page.get_by_role("link", name="Mein Balint-Konto: alle Gruppen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mein Balint-Konto")
    expect(page.get_by_text("Balintgruppe Jena Mitte").first).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Ziele wählen").click()
    expect(page.locator("#id_key")).to_be_visible()
    axe(page)
    page.locator("#id_key").select_option(
        label="Psychosomatische Grundversorgung (Kammer)"
    )
    page.get_by_role("button", name="Zu meinen Zielen hinzufügen").click()
    expect(page.get_by_text("Ihr Ziel wurde gespeichert.")).to_be_visible()
    expect(page.get_by_text("2 von 15 Doppelsitzungen")).to_be_visible()

    page.get_by_role("link", name="Eintrag von außerhalb hinzufügen").click()
    expect(page.locator("#id_kind")).to_be_visible()
    axe(page)
    page.locator("#id_kind").select_option(label="Balintgruppe")
    page.get_by_label("Gruppe oder Veranstaltung").fill("Balintgruppe Gera")
    page.get_by_label("Erstes Datum").fill("2024-01-10")
    page.get_by_label("Letztes Datum").fill("2024-09-10")
    page.get_by_label("Doppelsitzungen").fill("15")
    page.get_by_label("in Präsenz").check()
    page.locator("#id_leader_name").fill("Dr. med. Gerd Gera")
    page.get_by_label("Eingescannte Bescheinigung").set_input_files(
        {"name": "gera.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    page.get_by_role("button", name="Eintrag speichern").click()
    expect(page.get_by_text("Der Eintrag wurde hinzugefügt.")).to_be_visible()
    expect(page.get_by_role("cell", name="selbst eingetragen")).to_be_visible()

    _log_in_as(page, live_server, secretariat)
    page.goto("/mein-bereich/")
    expect(
        page.get_by_role(
            "heading", name="1 Eintrag in einem Balint-Konto wartet auf Bestätigung"
        )
    ).to_be_visible()
    page.get_by_role("link", name="Einträge in Balint-Konten bestätigen").first.click()
    axe(page)
    page.get_by_role("link", name="Moritz Mitglied").click()
    axe(page)
    page.get_by_role("button", name="Bestätigen: Die Bescheinigung belegt das").click()
    expect(page.get_by_text("Der Eintrag wurde bestätigt.")).to_be_visible()

    _log_in_as(page, live_server, member)
    page.goto("/balint-konto/")
    expect(page.get_by_role("cell", name="bestätigt", exact=True)).to_be_visible()
    expect(page.get_by_text("Anforderungen erfüllt")).to_be_visible()

    page.get_by_role("link", name="Logbuch der DBG-Leiterausbildung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Logbuch der DBG-Leiterausbildung"
    )
    expect(page.get_by_text("Balintgruppe Gera").first).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Zurück zu meinem Balint-Konto").click()

    page.get_by_role("link", name="Löschen Balintgruppe Gera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Eintrag löschen")
    axe(page)
    page.get_by_role("button", name="Eintrag löschen").click()
    expect(page.get_by_text("Der Eintrag wurde gelöscht.")).to_be_visible()
    expect(page.get_by_text("Balintgruppe Gera")).to_have_count(0)
