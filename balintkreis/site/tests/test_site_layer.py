"""The site layer assembles what the apps contribute through their hooks."""

import io
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from balintkreis.core import hooks, personal_data
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.meetings.tests.factories import MeetingFactory, days_ago
from balintkreis.online.tests.factories import OnlineMeetingFactory


def _links(html, css_class):
    block = re.search(rf'<nav[^>]*class="{css_class}".*?</nav>', html, re.S).group(0)
    return re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', block)


@pytest.mark.django_db
def test_group_tab_bar_for_a_leader_comes_from_every_app(leader_client, group):
    group.format = group.Format.HYBRID
    group.save()
    response = leader_client.get(reverse("meetings:list", args=[group.slug]))
    assert [label for _url, label in _links(response.text, "subnav")] == [
        "Sitzungen",
        "Teilnehmende und Fallvorstellungen",
        "Veranstaltungsnummern (VNR)",
        "Ausgestellte Bescheinigungen",
        "Online-Sitzungen",
        "Abstimmungen",
        "Anmeldungen und Warteliste",
        "Mitglieder",
        "Kalender abonnieren",
    ]
    assert (
        reverse("cme:event-numbers", args=[group.slug]),
        "Veranstaltungsnummern (VNR)",
    ) in _links(response.text, "subnav")


@pytest.mark.django_db
def test_group_pages_show_the_trail_start_group_current_tab(leader_client, group):
    meeting = MeetingFactory(group=group)
    meetings_url = reverse("meetings:list", args=[group.slug])
    response = leader_client.get(meetings_url)
    assert _links(response.text, "breadcrumb") == [
        (reverse("accounts:dashboard"), "Start"),
        (meetings_url, group.title),
        (meetings_url, "Sitzungen"),
    ]
    assert f'<a href="{meetings_url}" aria-current="page">' in response.text
    # Deeper pages belong to their tab, which is then a link, not the page.
    response = leader_client.get(
        reverse("meetings:detail", args=[group.slug, meeting.pk])
    )
    assert (meetings_url, "Sitzungen") in _links(response.text, "breadcrumb")
    assert 'aria-current="page"' not in response.text


@pytest.mark.django_db
def test_group_tab_bar_for_a_member_shows_only_what_the_table_allows(
    member_client, group
):
    response = member_client.get(reverse("meetings:list", args=[group.slug]))
    labels = [label for _url, label in _links(response.text, "subnav")]
    assert labels == ["Sitzungen", "Abstimmungen", "Kalender abonnieren"]


@pytest.mark.django_db
def test_meeting_buttons_come_from_online_feedback_and_cme(leader_client, group):
    meeting = OnlineMeetingFactory(group=group, starts_at=days_ago(1))
    response = leader_client.get(
        reverse("meetings:detail", args=[group.slug, meeting.pk])
    )
    html = response.text
    room = reverse("online:room", args=[meeting.pk])
    presence = reverse("online:attendance", args=[meeting.pk])
    feedback = reverse("feedback:meeting", args=[meeting.pk])
    report = reverse("cme:meeting-report", args=[group.slug, meeting.pk])
    edit = reverse("meetings:edit", args=[group.slug, meeting.pk])
    assert f'<a class="button" href="{room}">Online-Sitzung beitreten</a>' in html
    positions = [html.index(f'href="{url}"') for url in (presence, feedback, report)]
    assert positions == sorted(positions)
    assert positions[-1] < html.index(f'href="{edit}"')


@pytest.mark.django_db
def test_members_see_the_join_button_but_no_leader_actions(member_client, group):
    meeting = OnlineMeetingFactory(group=group, starts_at=days_ago(1))
    response = member_client.get(
        reverse("meetings:detail", args=[group.slug, meeting.pk])
    )
    assert reverse("online:room", args=[meeting.pk]) in response.text
    assert reverse("feedback:meeting", args=[meeting.pk]) not in response.text


@pytest.mark.django_db
def test_in_person_meeting_has_no_online_buttons(leader_client, group):
    meeting = MeetingFactory(group=group, starts_at=days_ago(1))
    response = leader_client.get(
        reverse("meetings:detail", args=[group.slug, meeting.pk])
    )
    assert "/online/" not in response.text
    assert reverse("feedback:meeting", args=[meeting.pk]) in response.text


@pytest.mark.django_db
def test_main_navigation_for_the_secretariat(secretariat_client):
    response = secretariat_client.get(reverse("core:home"))
    block = re.search(
        r'<nav aria-label="Hauptnavigation"[^>]*>.*?</nav>', response.text, re.S
    )
    labels = re.findall(r"<a [^>]*>([^<]+)</a>", block.group(0))
    assert labels == [
        "Gruppe finden",
        "Welche Weiterbildung?",
        "Über Balintarbeit",
        "Mentoring",
        "FAQ",
        "Kontakt",
        "Meine Übersicht",
        "Heute",
        "Anfragen",
        "Rechnungen",
        "Zahlungen",
    ]


@pytest.mark.django_db
def test_anonymous_navigation_has_no_personal_entries(client):
    html = client.get(reverse("core:home")).text
    assert reverse("accounts:dashboard") not in html
    assert reverse("groups:today") not in html
    assert reverse("cme:verify-form") in html  # the footer, contributed by cme


def test_personal_data_hooks_in_layer_order_with_the_person_first():
    labels = [label for label, _module in personal_data.modules()]
    assert labels == [
        "accounts",
        "notifications",
        "groups",
        "meetings",
        "online",
        "feedback",
        "cme",
        "mentoring",
        "billing",
        "payments",
        "record",
    ]


def test_every_demo_hook_is_a_loader():
    labels = [config.label for config in hooks.app_configs_with("demo")]
    assert labels == [
        "accounts",
        "groups",
        "meetings",
        "online",
        "feedback",
        "cme",
        "mentoring",
        "billing",
        "payments",
        "record",
    ]


@pytest.mark.django_db
def test_demo_command_runs_every_apps_builder(monkeypatch):
    called = []
    for config in hooks.app_configs_with("demo"):
        monkeypatch.setattr(
            config, "demo", lambda *, stdout, label=config.label: called.append(label)
        )
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert called == [config.label for config in hooks.app_configs_with("demo")]
    assert "Demo log-ins" in out.getvalue()


@pytest.mark.django_db
def test_demo_if_empty_leaves_existing_groups_alone(monkeypatch):
    BalintGroupFactory()
    monkeypatch.setattr(apps.get_app_config("groups"), "demo", pytest.fail)
    out = io.StringIO()
    call_command("demo", "--if-empty", stdout=out)
    assert "Demo data already present." in out.getvalue()


@pytest.mark.django_db
def test_accounts_pages_get_the_contact_link_from_the_site_layer(client):
    response = client.get(reverse("account_email_verification_sent"))
    assert f'<a href="{reverse("groups:contact")}">' in response.text
