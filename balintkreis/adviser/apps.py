from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from balintkreis.core.hooks import Link

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from balintkreis.accounts.models import User


class AdviserConfig(AppConfig):
    """The adviser, "Welche Weiterbildung passt zu mir?" (issue 19 item 4): public, no
    models; reads the catalogue, the meetings and the record's targets."""

    name = "balintkreis.adviser"
    label = "adviser"
    verbose_name = _("Adviser")

    def main_navigation(self, user: User | AnonymousUser) -> list[Link]:
        # Hook (core/hooks.py): right after "Find a group".
        return [Link(gettext("Which training?"), reverse("adviser:adviser"), 15)]
