"""The whole journey (issue 3, item 8): a visitor signs up, applies to a full
group, waits, a member leaves, the offer e-mail's link is followed, the offer
is accepted and the visitor is a member."""

import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from balintkreis.accounts.models import User
from balintkreis.accounts.tests.factories import LeaderFactory, UserFactory
from balintkreis.groups import memberships
from balintkreis.groups.models import Membership
from balintkreis.groups.tests.factories import BalintGroupFactory, MembershipFactory


@pytest.fixture
def full_group(db):
    group = BalintGroupFactory(
        leader=LeaderFactory(),
        title="Balintgruppe Weimar",
        slug="weimar",
        capacity=3,
        min_size=3,
    )
    for _ in range(3):
        MembershipFactory(group=group)
    return group


def _link(pattern, message):
    return re.search(pattern, message.body).group(0)


def test_visitor_signs_up_waits_and_takes_the_offered_place(
    page, axe, live_server, settings, full_group
):
    settings.SITE_URL = live_server.url
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"

    # Sign up on the way to the application.
    page.goto(f"/gruppen/{full_group.slug}/anmelden/")
    expect(page).to_have_url(re.compile(r"/konto/login/"))
    page.goto(f"/konto/signup/?next=/gruppen/{full_group.slug}/anmelden/")
    page.locator("input[name=email]").fill("neu@example.org")
    page.locator("input[name=first_name]").fill("Nora")
    page.locator("input[name=last_name]").fill("Neu")
    page.locator("input[name=password1]").fill("ein-gutes-passwort-42")
    page.locator("input[name=password2]").fill("ein-gutes-passwort-42")
    page.locator("input[name=accept_privacy]").check()
    page.locator("form:has(input[name=password1]) button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    # Confirm the address from the e-mail, then log in.
    confirm = _link(r"https?://\S+/konto/confirm-email/\S+", mail.outbox[-1])
    page.goto(confirm.replace("http://testserver", live_server.url))
    page.get_by_role("button", name=re.compile("bestätigen", re.I)).click()
    if "/konto/login/" in page.url:
        page.locator("input[name=login]").fill("neu@example.org")
        page.locator("input[name=password]").fill("ein-gutes-passwort-42")
        page.locator("form:has(input[name=password]) button[type=submit]").click()
    expect(page.locator("header a[href='/mein-bereich/']")).to_be_visible()

    # Apply: the group is full, so the visitor waits.
    page.goto(f"/gruppen/{full_group.slug}/anmelden/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Anmeldung: Balintgruppe Weimar"
    )
    expect(page.get_by_text("Die Gruppe ist voll.")).to_be_visible()
    axe(page)
    page.get_by_label("Ich akzeptiere die Schweigepflichtvereinbarung").check()
    page.get_by_role("button", name="Anmeldung absenden").click()
    expect(page).to_have_url(re.compile(r"/mein-bereich/gruppen/$"))
    expect(page.get_by_text("Position auf der Warteliste: 1")).to_be_visible()
    axe(page)

    # A member leaves; the offer e-mail goes to the visitor.
    visitor = User.objects.get(email="neu@example.org")
    leaving = full_group.memberships.first()
    memberships.end(
        leaving,
        ended_on=timezone.localdate(),
        reason="Umzug",
        actor=UserFactory(is_secretariat=True),
    )
    offer_mail = next(
        m for m in mail.outbox if m.to == [visitor.email] and "frei" in m.subject
    )
    accept = _link(r"https?://\S+/angebot/\S+/annehmen/", offer_mail)

    # Follow the link and accept.
    page.goto(accept)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Platz in der Gruppe „Balintgruppe Weimar“"
    )
    axe(page)
    page.get_by_role("button", name="Platz annehmen").click()
    expect(
        page.get_by_text("Willkommen! Sie sind jetzt Mitglied der Gruppe")
    ).to_be_visible()
    axe(page)

    page.goto("/mein-bereich/gruppen/")
    expect(page.get_by_text("aktiv", exact=True)).to_be_visible()
    axe(page)
    assert Membership.objects.filter(
        group=full_group, user=visitor, ended_on=None
    ).exists()
