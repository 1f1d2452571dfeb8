from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balintkreis.core.hooks import Link

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from balintkreis.accounts.models import User


class SiteLayerConfig(AppConfig):
    """The layer above every app (docs/architecture.md): home, info pages,
    the personal overview, the main navigation, a group's tab bar and the
    demo. It collects what the apps declare on their AppConfigs; no app
    imports it."""

    name = "balintkreis.site"
    # Not "site": django.contrib.sites uses "sites", and a plain "site" reads
    # like it; the label keeps tables and commands unambiguous.
    label = "site_layer"
    verbose_name = gettext_lazy("Site")

    def main_navigation(self, user: User | AnonymousUser) -> list[Link]:
        entries = [
            Link(
                _("About Balint work"), reverse("core:page", args=["balintgruppe"]), 20
            ),
            Link(_("Mentoring"), reverse("core:page", args=["mentoring"]), 30),
        ]
        if getattr(user, "is_authenticated", False):
            entries.append(Link(_("My overview"), reverse("accounts:dashboard"), 60))
        return entries

    def footer_links(self, user: User | AnonymousUser) -> list[Link]:
        return [
            Link(_("Privacy"), reverse("core:page", args=["datenschutz"]), 10),
            Link(_("Legal notice"), reverse("core:page", args=["impressum"]), 20),
        ]
