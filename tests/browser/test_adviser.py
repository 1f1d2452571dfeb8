"""The adviser for four typical personas, each starting from the home page
(issue 19 item 4): a Hausarzt in training who needs PSGV, a Gynäkologin, a
Psychiater on the way to leading groups, a psychologist."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from balintkreis.accounts.tests.factories import ChamberFactory
from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.meetings.models import Meeting
from balintkreis.meetings.tests.factories import MeetingFactory


def _in_days(days: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18)))


@pytest.fixture
def catalogue(transactional_db):
    chamber = ChamberFactory()
    jena = BalintGroupFactory(
        title="Hausärztliche Balintgruppe Jena", slug="jena", chamber=chamber
    )
    erfurt = BalintGroupFactory(
        title="Hybride Gruppe Erfurt",
        slug="erfurt",
        city="Erfurt",
        format=BalintGroup.Format.HYBRID,
        chamber=chamber,
        weekday=BalintGroup.Weekday.MONDAY,
    )
    online = BalintGroupFactory(
        title="Online-Gruppe am Abend", slug="online", online=True
    )
    for group, every in ((jena, 14), (erfurt, 14), (online, 7)):
        for index in range(6):
            MeetingFactory(
                group=group,
                starts_at=_in_days(3 + index * every),
                format=Meeting.Format.ONLINE
                if group is online or (group is erfurt and index % 2)
                else Meeting.Format.IN_PERSON,
            )


def _ask(page, axe, *, check_form: bool = False, **answers: str) -> None:
    """From the home page to the adviser, answer and send."""
    page.goto("/")
    page.get_by_role("main").get_by_role(
        "link", name="Welche Weiterbildung passt zu mir?"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Welche Weiterbildung passt zu mir?"
    )
    if check_form:
        axe(page)
    page.get_by_label("Ihr Beruf").select_option(label=answers["profession"])
    if "specialty" in answers:
        page.get_by_label("Fachgebiet oder Weiterbildung").select_option(
            label=answers["specialty"]
        )
    if answers.get("in_training"):
        page.get_by_role(
            "group", name="Sind Sie in der Facharzt-Weiterbildung?"
        ).get_by_label("ja").check()
    page.get_by_role("group", name="Was ist Ihr Ziel?").get_by_label(
        answers["goal"]
    ).check()
    page.get_by_label("Balint-Doppelsitzungen, die Sie schon besucht haben").fill(
        answers.get("completed", "0")
    )
    if "mode" in answers:
        page.get_by_role("group", name="Wie möchten Sie teilnehmen?").get_by_label(
            answers["mode"], exact=True
        ).check()
    if "region" in answers:
        page.get_by_label("Bundesland").select_option(label=answers["region"])
    if "city" in answers:
        page.get_by_label("Ort (optional)").fill(answers["city"])
    page.get_by_role("button", name="Antwort anzeigen").click()
    expect(page.get_by_role("heading", name="Ihre Antwort")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/weiterbildung-finden/\?.*goal="))
    axe(page)


def _groups(page):
    return page.locator(".adviser-matches > li")


def test_four_personas_find_their_way(page, axe, catalogue):
    # 1. A Hausarzt in training who needs PSGV, in Jena.
    _ask(
        page,
        axe,
        check_form=True,
        profession="Ärztin/Arzt",
        specialty="Allgemeinmedizin",
        in_training="yes",
        goal="Psychosomatische Grundversorgung (PSGV)",
        region="Thüringen",
        city="Jena",
    )
    answer = page.get_by_role("region", name="Ihre Antwort")
    expect(answer).to_contain_text(
        "Ihr Ziel: Psychosomatische Grundversorgung (Kammer)"
    )
    expect(answer).to_contain_text(
        "Quelle: BÄK (Muster-)Kursbuch Psychosomatische Grundversorgung."
    )
    expect(answer).to_contain_text("Reine Online-Gruppen reichen für die PSGV")
    expect(answer).to_contain_text("Teil der Facharzt-Weiterbildung in Ihrem Fach")
    expect(_groups(page)).to_have_count(2)
    expect(_groups(page).first).to_contain_text("Hausärztliche Balintgruppe Jena")
    expect(_groups(page).first).to_contain_text("in Ihrem Ort")
    expect(_groups(page).first).to_contain_text("etwa 7 Monate")
    expect(_groups(page).nth(1)).to_contain_text("Hybrid: Besuchen Sie den ersten")
    expect(answer).to_contain_text("1 rein online stattfindende Gruppe")
    page.get_by_role(
        "link", name="Details und Anmeldung: Hausärztliche Balintgruppe Jena"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Hausärztliche Balintgruppe Jena"
    )

    # 2. A Gynäkologin with 4 double sessions, online.
    _ask(
        page,
        axe,
        profession="Ärztin/Arzt",
        specialty="Frauenheilkunde und Geburtshilfe",
        goal="Balint-Anteil meiner Facharzt-Weiterbildung",
        completed="4",
        mode="online",
    )
    answer = page.get_by_role("region", name="Ihre Antwort")
    expect(answer).to_contain_text("Bitte bei Ihrer Kammer prüfen.")
    expect(answer).to_contain_text("Ihnen fehlen noch 11 Doppelsitzungen.")
    # Her Balint part is the PSGV course: online alone does not do.
    expect(answer).to_contain_text("Am nächsten kommt dem eine hybride Gruppe")
    expect(_groups(page)).to_have_count(1)
    expect(_groups(page).first).to_contain_text("Hybride Gruppe Erfurt")

    # 3. A Psychiater in training on the way to leading groups.
    _ask(
        page,
        axe,
        profession="Ärztin/Arzt",
        specialty="Psychiatrie und Psychotherapie",
        in_training="yes",
        goal="Balintgruppenleiterin/-leiter werden",
        completed="20",
    )
    answer = page.get_by_role("region", name="Ihre Antwort")
    expect(answer).to_contain_text("Ihr Ziel: Balintgruppenleiterin oder -leiter (DBG)")
    expect(answer).to_contain_text("Davon 35 vor Beginn der Ausbildung und 70 während")
    expect(answer).to_contain_text("Ihnen fehlen noch 85 Doppelsitzungen.")
    expect(answer).to_contain_text("Ihr Facharzt für Psychiatrie und Psychotherapie")
    expect(_groups(page)).to_have_count(3)
    expect(_groups(page).first).to_contain_text(
        "Vor der Leiterausbildung15 Doppelsitzungen: etwa"
    )

    # 4. A psychological psychotherapist who asks about PSGV.
    _ask(
        page,
        axe,
        profession="Psychologische Psychotherapeutin/Psychologischer Psychotherapeut",
        goal="Psychosomatische Grundversorgung (PSGV)",
    )
    answer = page.get_by_role("region", name="Ihre Antwort")
    expect(answer).to_contain_text("Qualifikationen für Ärztinnen und Ärzte")
    expect(answer).to_contain_text("also 2 Punkte je Doppelsitzung")
    expect(answer).to_contain_text("dieselben 105 Doppelsitzungen")
    expect(answer).to_contain_text(
        "Eine Doppelsitzung bringt Ihnen 2 Fortbildungspunkte."
    )
    expect(_groups(page)).to_have_count(3)
