"""A leader previews a series, sees the holiday and weekday notes, then
creates the meetings; the sheet of a future meeting offers only "excused"
(issue 13 items 9 and 10)."""

import pytest
from playwright.sync_api import expect

from balintkreis.meetings.models import Meeting
from balintkreis.meetings.tests.factories import MeetingFactory
from tests.browser.test_attendance import log_in


@pytest.mark.django_db(transaction=True)
def test_leader_previews_then_creates_a_series(
    page, axe, live_server, leader, member, group
):
    group.weekday = 1  # Tuesday
    group.save()
    log_in(page, live_server, leader)
    page.goto(f"/gruppen/{group.slug}/sitzungen/planen/")
    axe(page)
    page.get_by_label("Rhythmus").select_option("weekly")
    page.get_by_label("Erster Termin").fill("2026-09-26")
    page.get_by_label("Anzahl der Termine").fill("3")
    page.get_by_label("Ort").fill("Institut, Raum 2")
    page.get_by_label("Bundesland für Feiertage und Ferien").select_option("TH")
    page.get_by_role("button", name="Vorschau anzeigen").click()
    expect(page.get_by_role("heading", name="Vorschau: 3 Termine")).to_be_visible()
    expect(page.get_by_text("Feiertag: Tag der Deutschen Einheit")).to_be_visible()
    expect(
        page.get_by_text(
            "Ein Samstag – die Gruppe trifft sich sonst am Dienstag."
        ).first
    ).to_be_visible()
    expect(page.get_by_label("Ort")).to_have_value("Institut, Raum 2")
    assert not Meeting.objects.filter(group=group).exists()
    axe(page)
    page.get_by_role("button", name="Termine anlegen").click()
    expect(page.get_by_role("status")).to_contain_text("3 Sitzungen wurden geplant.")
    assert Meeting.objects.filter(group=group).count() == 3


@pytest.mark.django_db(transaction=True)
def test_sheet_before_the_meeting_offers_only_excused(
    page, axe, live_server, leader, member, group
):
    meeting = MeetingFactory(group=group, future=True)
    log_in(page, live_server, leader)
    page.goto(f"/gruppen/{group.slug}/sitzungen/{meeting.pk}/anwesenheit/")
    row = page.get_by_role("group", name="Moritz Mitglied")
    expect(row.get_by_role("radio")).to_have_count(1)
    row.get_by_role("radio", name="Entschuldigt").click()
    axe(page)
    page.get_by_role("button", name="Entschuldigungen speichern").click()
    expect(page.get_by_role("status")).to_contain_text("1 Änderung")
