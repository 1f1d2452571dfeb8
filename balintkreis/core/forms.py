from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _


class FormRenderer(TemplatesSetting):
    """One site-wide field template (label, help, error tied by aria-describedby)."""

    form_template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"


class HoneypotMixin(forms.Form):
    """A field hidden from people; bots fill it in and are refused."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your message could not be sent."))
        return ""


# Database keys are 64-bit; a bigger number must be a wrong choice, not an
# OverflowError from the driver inside ``pk__in`` (found by tests/test_fuzz.py).
LARGEST_KEY = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, refusing primary keys beyond 64 bits as invalid."""

    def _check_values(self, value: Iterable[Any]) -> QuerySet[Any]:
        if not self.to_field_name:
            for pk in value or []:
                try:
                    too_big = abs(int(pk)) > LARGEST_KEY
                except (TypeError, ValueError):
                    continue  # Django's own check reports these
                if too_big:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": pk},
                    )
        # A private method of Django's field that django-stubs does not declare.
        return super()._check_values(value)  # type: ignore[misc]
