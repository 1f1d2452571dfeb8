import pytest
from django.template.loader import render_to_string

from balintkreis.groups.models import BalintGroup
from balintkreis.groups.tests.factories import BalintGroupFactory

pytestmark = pytest.mark.django_db


def test_apply_box_links_to_the_application_with_free_places():
    group = BalintGroupFactory(slug="jena")
    annotated = BalintGroup.objects.with_free_places().get(pk=group.pk)
    html = render_to_string("groups/_apply_box.html", {"group": annotated})
    assert "12 Plätze sind frei." in html
    assert 'href="/gruppen/jena/anmelden/"' in html


def test_apply_box_of_a_paused_group_points_to_the_interest_list():
    group = BalintGroupFactory(status=BalintGroup.Status.PAUSED)
    html = render_to_string("groups/_apply_box.html", {"group": group})
    assert "pausiert" in html
    assert "/interessenliste/" in html
    assert "/anmelden/" not in html
