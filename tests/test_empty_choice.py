"""Django's empty choice "---------" is never shown (issue 13 item 8).

Selects show a real prompt ("Bitte wählen"); radio buttons never offer an
empty option, so none is pre-selected. The site-wide widget templates in
``core/templates/django/forms/widgets/`` do this for every form, ours, the
admin's and allauth's; this test renders every form class of our apps that
can be built without arguments.
"""

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.db.models.fields import BLANK_CHOICE_DASH
from django.utils import translation


def _our_forms():
    for config in apps.get_app_configs():
        if not config.name.startswith("balintkreis."):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


class Sample(forms.Form):
    kind = forms.ChoiceField(choices=BLANK_CHOICE_DASH + [("a", "A")])
    size = forms.ChoiceField(
        choices=BLANK_CHOICE_DASH + [("s", "S"), ("l", "L")],
        widget=forms.RadioSelect,
    )


def test_select_shows_a_prompt_and_radio_has_no_empty_option():
    with translation.override("de"):
        html = str(Sample())
    assert "---------" not in html
    assert "Bitte wählen" in html
    assert 'type="radio" name="size" value=""' not in html
    assert html.count('type="radio"') == 2


@pytest.mark.django_db
def test_no_form_of_ours_shows_the_dashes():
    rendered = 0
    with translation.override("de"):
        for cls in _our_forms():
            try:
                form = cls()
            except TypeError:
                continue  # needs arguments (a group, a user): covered by its page tests
            html = str(form)
            assert "---------" not in html, cls
            assert 'value="" checked' not in html, cls
            rendered += 1
    assert rendered > 10
