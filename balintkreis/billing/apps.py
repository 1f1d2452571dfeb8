from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from balintkreis.core.hooks import Link

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from balintkreis.accounts.models import User
    from balintkreis.groups.models import BalintGroup


class BillingConfig(AppConfig):
    name = "balintkreis.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        # Hooks (core/hooks.py).
        from balintkreis.billing import demo, personal_data

        self.personal_data = personal_data
        self.demo = demo.load

    def main_navigation(self, user: User | AnonymousUser) -> list[Link]:
        if user.is_authenticated and user.is_secretariat:
            return [Link(gettext("Invoices"), reverse("billing:invoice-list"), 85)]
        return []

    def offer_notes(
        self, group: BalintGroup, user: User, entry_on: datetime.date
    ) -> list[Link]:
        """What the person will be invoiced, shown before they accept a place
        (groups' offer page)."""
        from balintkreis.billing import offers

        return offers.notes(group, user=user, entry_on=entry_on)
