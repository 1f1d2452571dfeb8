import io

import pytest
from django.core.management import call_command
from django.utils import translation

from balintkreis.accounts import efn
from balintkreis.accounts.models import LeaderProfile, User
from balintkreis.groups.models import (
    BalintGroup,
    EntryDate,
    FeeSchedule,
    FeeTier,
    Inquiry,
    Membership,
)

MODELS = [User, LeaderProfile, BalintGroup, FeeSchedule, FeeTier, EntryDate]
MODELS += [Membership, Inquiry]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_demo_is_idempotent_and_realistic():
    call_command("demo", stdout=io.StringIO())
    first = counts()
    call_command("demo", stdout=io.StringIO())

    assert counts() == first
    assert first["BalintGroup"] >= 12
    assert first["LeaderProfile"] >= 4
    participants = User.objects.filter(leader_profile__isnull=True, is_staff=False)
    assert participants.count() >= 80
    cities = set(BalintGroup.objects.values_list("city", flat=True))
    assert {"Jena", "Erfurt", "Weimar", "Gera"} <= cities
    formats = set(BalintGroup.objects.values_list("format", flat=True))
    assert formats == {"in_person", "online", "hybrid"}


@pytest.mark.django_db
def test_demo_has_a_full_a_forming_and_a_paused_group():
    call_command("demo", stdout=io.StringIO())

    groups = BalintGroup.objects.listed().with_free_places()
    assert any(g.free_places == 0 for g in groups)
    assert any(g.free_places > 0 for g in groups)
    assert BalintGroup.objects.filter(status=BalintGroup.Status.FORMING).exists()
    assert BalintGroup.objects.filter(status=BalintGroup.Status.PAUSED).exists()
    assert Inquiry.objects.filter(status=Inquiry.Status.NEW).exists()


@pytest.mark.django_db
def test_demo_efns_are_valid_test_numbers_and_fees_in_range():
    call_command("demo", stdout=io.StringIO())

    numbers = [u.efn for u in User.objects.all() if u.efn]
    assert len(numbers) >= 40
    assert all(efn.validate(n) == n for n in numbers)
    assert "123456789012345" not in numbers
    prices = FeeTier.objects.values_list("price_per_session", flat=True)
    assert all(35 <= p <= 70 for p in prices)


@pytest.mark.django_db
def test_demo_texts_are_german_whatever_language_is_active():
    with translation.override("en"):
        call_command("demo", stdout=io.StringIO())

    assert not BalintGroup.objects.filter(audience__startswith="Physicians").exists()
    assert not BalintGroup.objects.filter(term_label="half-year").exists()
