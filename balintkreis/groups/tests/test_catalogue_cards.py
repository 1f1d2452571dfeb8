"""The catalogue's group cards are rendered once per shown data and shared
(core/fragments.py): a change of places, fee or leader shows at once, for
logged-in people as for everybody (issue 17)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from balintkreis.accounts.tests.factories import LeaderFactory, UserFactory
from balintkreis.groups import group_changes, memberships
from balintkreis.groups.tests.factories import (
    BalintGroupFactory,
    FeeScheduleFactory,
    FeeTierFactory,
    MembershipFactory,
)

URL = reverse("groups:catalogue")


@pytest.fixture
def group():
    schedule = FeeScheduleFactory(name="Standard")
    schedule.tiers.all().delete()
    FeeTierFactory(
        schedule=schedule, min_size=1, max_size=20, price_per_session=Decimal("50")
    )
    return BalintGroupFactory(
        title="Balintgruppe Jena",
        capacity=10,
        fee_schedule=schedule,
        leader=LeaderFactory(first_name="Lea", last_name="Altleitung"),
    )


@pytest.fixture
def member_client(client):
    client.force_login(UserFactory())
    return client


def card(client) -> str:
    html = client.get(URL).content.decode()
    found = re.search(r'<li class="card">.*?</li>', html, re.S)
    assert found, html
    return found.group(0)


@pytest.mark.django_db
def test_a_new_member_shows_at_once(member_client, group):
    MembershipFactory.create_batch(2, group=group)
    assert "8 freie Plätze" in card(member_client)

    MembershipFactory(group=group)

    assert "7 freie Plätze" in card(member_client)


@pytest.mark.django_db
def test_an_ended_membership_frees_the_place_at_once(member_client, group):
    membership = MembershipFactory(group=group)
    assert "9 freie Plätze" in card(member_client)

    memberships.end(
        membership,
        ended_on=timezone.localdate(),
        reason="moved away",
        actor=group.leader,
    )

    assert "10 freie Plätze" in card(member_client)


@pytest.mark.django_db
def test_a_membership_starting_today_takes_its_place_without_any_change(
    member_client, group
):
    """No rule runs at midnight: the card still shows the new day's places."""
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    MembershipFactory(group=group, started_on=tomorrow)
    before = card(member_client)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "localdate", lambda *a, **k: tomorrow)
        after = card(member_client)

    # Joining members hold their place already; the count stays right on
    # both days, and the card is the same data on both.
    assert "9 freie Plätze" in before
    assert "9 freie Plätze" in after


@pytest.mark.django_db
def test_a_new_fee_shows_at_once(member_client, group):
    assert "50,00 € je Doppelsitzung" in card(member_client)

    tier = group.fee_schedule.tiers.get()
    tier.price_per_session = Decimal("65")
    tier.save()

    assert "65,00 € je Doppelsitzung" in card(member_client)


@pytest.mark.django_db
def test_fee_on_request_shows_at_once(member_client, group):
    assert "€" in card(member_client)

    group.fee_and_places_on_request = True
    group.save()
    group_changes.group_changed(group, by=group.leader)

    shown = card(member_client)
    assert "auf Anfrage" in shown
    assert "€" not in shown


@pytest.mark.django_db
def test_a_new_leader_shows_at_once(member_client, group):
    assert "Altleitung" in card(member_client)

    group.leader = LeaderFactory(first_name="Nora", last_name="Neuleitung")
    group.save()
    group_changes.group_changed(group, by=group.leader)

    shown = card(member_client)
    assert "Neuleitung" in shown
    assert "Altleitung" not in shown


@pytest.mark.django_db
def test_a_renamed_leader_shows_at_once(member_client, group):
    assert "Altleitung" in card(member_client)

    group.leader.last_name = "Umbenannt"
    group.leader.save()

    assert "Umbenannt" in card(member_client)


@pytest.mark.django_db
def test_cards_are_rendered_once_and_shared(client, group, monkeypatch):
    from balintkreis.core import fragments

    caches[fragments.CACHE].clear()
    rendered = []
    original = fragments.get_template

    def counting(name):
        template = original(name)
        if name == "groups/_group_card.html":
            render = template.render

            def counted(*args, **kwargs):
                rendered.append(name)
                return render(*args, **kwargs)

            template.render = counted  # type: ignore[method-assign]
        return template

    monkeypatch.setattr(fragments, "get_template", counting)
    anonymous = card(client)
    client.force_login(UserFactory())
    first = card(client)
    client.force_login(UserFactory())
    second = card(client)

    assert rendered == ["groups/_group_card.html"]
    # The same card for everybody: nothing personal is in it.
    assert anonymous == first == second
