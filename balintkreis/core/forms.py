from django import forms
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
