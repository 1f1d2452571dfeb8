from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "balintkreis.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        # Hooks (core/hooks.py).
        from balintkreis.billing import personal_data

        self.personal_data = personal_data
