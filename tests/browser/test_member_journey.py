"""A member's week from the overview after log-in, by clicking only
(issue 13 item 1): next dates, the online room, "Ich kann nicht teilnehmen",
the group's page with leader and members, "Meine Gruppen", the calendar; then
the leader sees the excuse on the attendance sheet. Desktop and phone, axe on
every page."""

import datetime

import pytest
from django.utils import formats, timezone, translation
from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings.tests.factories import AttendanceFactory, MeetingFactory

SIZES = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.django_db(transaction=True)
def test_member_journey(page, axe, login, size, leader, member, group):
    page.set_viewport_size(SIZES[size])
    now = timezone.now()
    MembershipFactory(group=group, user=UserFactory(first_name="Olga", last_name="Ost"))
    MeetingFactory(
        group=group, starts_at=now + datetime.timedelta(minutes=5), online=True
    )
    in_a_week = MeetingFactory(
        group=group,
        starts_at=now + datetime.timedelta(days=7),
        place="Praxis Nord, Raum 2",
    )
    AttendanceFactory(
        meeting=MeetingFactory(group=group, starts_at=now - datetime.timedelta(days=7)),
        user=member,
        confirmed=True,
    )

    login(member)
    expect(page).to_have_url("/mein-bereich/")
    home = page.locator("section.member-home")
    expect(home.get_by_role("heading", name=group.title)).to_be_visible()
    expect(home.get_by_text("Praxis Nord, Raum 2")).to_be_visible()
    expect(home.get_by_role("link", name="Online-Sitzung beitreten")).to_be_visible()
    expect(home.get_by_role("link", name="Technik-Check starten")).to_be_visible()
    expect(home.get_by_text("1 von 15 Doppelsitzungen")).to_be_visible()
    expect(
        home.get_by_text("Es fehlt noch: 14 weitere Doppelsitzungen")
    ).to_be_visible()
    subscribe = home.get_by_role("link", name="In meiner Kalender-App abonnieren")
    assert subscribe.get_attribute("href").startswith("webcal://")
    download = home.get_by_role("link", name="Als .ics-Datei herunterladen")
    assert download.get_attribute("href").endswith(".ics")
    expect(home.get_by_role("button", name="Adresse kopieren")).to_be_visible()
    axe(page)

    # "Ich kann nicht teilnehmen" for the date in a week, with a note.
    home.get_by_role("link", name="Ich kann nicht teilnehmen").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ich kann nicht teilnehmen"
    )
    axe(page)
    page.get_by_label("Nachricht an Ihre Gruppenleitung").fill("Dienst in der Klinik")
    page.get_by_role("button", name="Für diesen Termin entschuldigen").click()
    expect(page).to_have_url("/mein-bereich/")
    expect(page.get_by_role("status").first).to_contain_text("entschuldigt")
    expect(home.get_by_text("entschuldigt", exact=True)).to_be_visible()
    axe(page)

    # The group's page: dates, the leader and the other members.
    home.get_by_role("link", name="Alle Termine, Gruppenleitung und Mitglieder").click()
    expect(page.get_by_text("Lena Leitung")).to_be_visible()
    expect(page.get_by_text("Olga Ost")).to_be_visible()
    expect(page.get_by_role("heading", name="Kommende Sitzungen")).to_be_visible()
    axe(page)

    # "Meine Gruppen" (where the welcome mail sends new members) has the dates.
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    if nav.get_by_text("Menü").is_visible():
        nav.get_by_text("Menü").click()
    nav.get_by_role("link", name="Meine Übersicht").click()
    page.get_by_role("link", name="Meine Gruppen und Anmeldungen").click()
    expect(page.get_by_role("heading", name="Nächste Termine")).to_be_visible()
    expect(page.get_by_role("link", name="Praxis Nord, Raum 2")).to_be_visible()
    axe(page)

    # The leader sees the excuse and the note on the attendance sheet.
    page.context.clear_cookies()
    login(leader)  # a new leg: the log-in page is its first page
    page.get_by_role("region", name="Meine Gruppenleitung").get_by_role(
        "link", name="Sitzungen", exact=True
    ).click()
    with translation.override("de"):
        day = formats.date_format(timezone.localtime(in_a_week.starts_at), "D, d.m.Y")
    page.get_by_role("link", name=day).click()
    page.get_by_role("link", name="Anwesenheit erfassen").click()
    excused = page.get_by_role("region", name="Entschuldigt")
    expect(excused).to_contain_text("Moritz Mitglied: entschuldigt")
    expect(excused).to_contain_text("Dienst in der Klinik")
    axe(page)
