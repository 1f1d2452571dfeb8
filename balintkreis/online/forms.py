from typing import Any, cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.online.models import MeetingOptions

_FALLBACK = MeetingOptions._meta.get_field("fallback_url")


class FallbackLinkForm(forms.ModelForm):
    fallback_url = forms.URLField(
        label=_FALLBACK.verbose_name,
        help_text=_FALLBACK.help_text,
        max_length=_FALLBACK.max_length,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = MeetingOptions
        fields = ["fallback_url"]

    def clean_fallback_url(self) -> str:
        url = self.cleaned_data["fallback_url"]
        if url and not url.startswith("https://"):
            raise forms.ValidationError(
                _("Please enter a secure link that starts with https://.")
            )
        return url


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class TechnicalContactForm(forms.Form):
    person = PersonChoiceField(
        label=_("Technical contact"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("– nobody –"),
        help_text=_("A member of the group or the co-leader."),
    )
    phone = forms.CharField(
        label=_("Phone for technical problems"), max_length=40, required=False
    )
    email = forms.EmailField(label=_("E-mail for technical problems"), required=False)
    is_moderator = forms.BooleanField(
        label=_("Moderator in the video room"),
        required=False,
        help_text=_(
            "The technical contact may then mute others and let people in from "
            "the lobby."
        ),
    )

    def __init__(self, *args: Any, group: BalintGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        members = Membership.objects.active_on(timezone.localdate()).filter(group=group)
        people = User.objects.filter(pk__in=members.values("user_id"))
        if group.co_leader_id:
            people = people | User.objects.filter(pk=group.co_leader_id)
        person = cast(PersonChoiceField, self.fields["person"])
        person.queryset = people.order_by("last_name", "first_name")
