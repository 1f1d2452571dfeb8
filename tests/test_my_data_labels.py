"""'Meine Daten' shows German labels, never the export's English keys
(issue 13 item 8)."""

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from balintkreis.accounts import my_data
from balintkreis.core import personal_data
from tests.world import PERSONAS


def _keys(value, out):
    if isinstance(value, dict):
        for key, item in value.items():
            out.add(key)
            _keys(item, out)
    elif isinstance(value, list):
        for item in value:
            _keys(item, out)


def test_every_key_of_every_persona_has_a_label(world):
    keys = set()
    for persona in PERSONAS:
        user = getattr(world, persona, None)
        if user is not None:
            _keys(personal_data.export(user), keys)
    assert sorted(k for k in keys if k not in my_data.LABELS) == []


def test_my_data_page_shows_german_labels(world):
    response = world.client("participant_a").get(reverse("accounts:my-data"))
    assertContains(response, "Bestätigt")
    for english in ("verified", "primary", "sent at", "confirmed at"):
        assertNotContains(response, f"<dt>{english}")
        assertNotContains(response, f">{english}<")
