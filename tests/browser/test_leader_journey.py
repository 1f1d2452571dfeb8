"""A leader's day from the log-in page, by clicking only (issue 13 item 2):
the home shows today's meeting first, the attendance sheet is two taps from
log-in on a phone, and every waiting task leads to its page. axe on every
page, at 390 px and 1280 px."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.feedback import presenter
from balintkreis.groups.tests.factories_registration import ApplicationFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def open_overview(page):
    """The header's "Meine Übersicht", unfolding the phone menu if needed."""
    nav = page.get_by_role("navigation", name="Hauptnavigation")
    menu = nav.get_by_text("Menü")
    if menu.count() and menu.is_visible():
        menu.click()
    nav.get_by_role("link", name="Meine Übersicht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Übersicht")


@pytest.fixture
def leaders_week(leader, group, member):
    """Today's meeting, an older one to report, a feedback and an applicant."""
    member.efn = "802760020090329"
    member.save()
    today = MeetingFactory(
        group=group, starts_at=timezone.now() - datetime.timedelta(minutes=10)
    )
    earlier = MeetingFactory(group=group, starts_at=days_ago(14))
    AttendanceFactory(meeting=earlier, user=member, confirmed=True)
    feedback = presenter.request_feedback(earlier, presenter=member, by=leader)
    presenter.submit(
        feedback,
        held_by_group=4,
        held_by_leadership=5,
        what_helped="Die Gruppe hat mitgedacht.",
        what_was_hard="",
    )
    applicant = UserFactory(first_name="Anton", last_name="Anwärter")
    ApplicationFactory(group=group, user=applicant)
    return today, earlier


@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_attendance_sheet_is_two_taps_from_log_in(
    page, axe, login, leader, group, leaders_week
):
    page.set_viewport_size(PHONE)
    login(leader)  # tap 1: "Anmelden"
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Übersicht")
    expect(page.get_by_role("heading", name=f"Heute: {group.title}")).to_be_visible()
    axe(page)

    page.get_by_role("link", name="Anwesenheit erfassen").click()  # tap 2
    expect(page.get_by_role("heading", level=1)).to_have_text("Anwesenheit")
    axe(page)
    row = page.get_by_role("group", name="Moritz Mitglied")
    row.get_by_role("radio", name="Anwesend").click()
    page.get_by_role("button", name="Speichern und bestätigen").click()
    expect(page.get_by_role("status")).to_contain_text("Anwesenheit bestätigt")

    open_overview(page)
    axe(page)
    page.get_by_role("link", name="Anton Anwärter").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(group.title)
    expect(page.get_by_text("Anton Anwärter").first).to_be_visible()
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_leader_works_through_the_home_on_a_desktop(
    page, axe, login, leader, group, leaders_week
):
    today, earlier = leaders_week
    page.set_viewport_size(DESKTOP)
    login(leader)
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Übersicht")
    home = page.get_by_role("region", name="Meine Gruppenleitung")
    expect(home.get_by_text("1 Anmeldung wartet auf Ihre Entscheidung")).to_be_visible()
    expect(home.get_by_text("Neue Rückmeldungen von Fallgebenden")).to_be_visible()
    expect(home.get_by_text("Offene Kammermeldungen")).to_be_visible()
    axe(page)

    # The case presenter of today's meeting.
    page.get_by_role("link", name="Fallvorstellung notieren").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)

    # New feedback: read it, and it is no longer new.
    open_overview(page)
    date = earlier.starts_at.astimezone(timezone.get_current_timezone())
    label = f"{group.title}, {date:%d.%m.%Y}"
    home.get_by_role("listitem").filter(has_text="neue Rückmeldung").get_by_role(
        "link", name=label
    ).click()
    expect(page.get_by_text("Die Gruppe hat mitgedacht.")).to_be_visible()
    axe(page)
    open_overview(page)
    expect(home.get_by_text("Neue Rückmeldungen von Fallgebenden")).to_have_count(0)

    # The open chamber report of the earlier meeting.
    home.get_by_role("listitem").filter(has_text="Zeile offen").get_by_role(
        "link", name=label
    ).click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)

    # A group's work pages from the list of led groups.
    open_overview(page)
    home.get_by_role("link", name="Teilnehmende", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Teilnehmende und Fallvorstellungen"
    )
    axe(page)


@pytest.mark.django_db(transaction=True)
def test_online_meeting_offers_the_room_and_names_members_without_tech_check(
    page, axe, login, leader, group, member
):
    MeetingFactory(
        group=group,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        format="online",
        place="",
    )
    page.set_viewport_size(PHONE)
    login(leader)
    expect(
        page.get_by_role("heading", name=f"Nächste Sitzung: {group.title}")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Online-Raum öffnen")).to_be_visible()
    expect(page.get_by_text("Noch kein Technik-Check: Moritz Mitglied")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Online-Seite der Gruppe").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    axe(page)
