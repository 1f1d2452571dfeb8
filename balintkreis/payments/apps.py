from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from balintkreis.core.hooks import Link, ScheduledJob

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from balintkreis.accounts.models import User
    from balintkreis.billing.models import Invoice


class PaymentsConfig(AppConfig):
    name = "balintkreis.payments"
    verbose_name = _("Payments")

    def ready(self) -> None:
        # Hooks (core/hooks.py).
        from balintkreis.payments import demo, personal_data

        self.personal_data = personal_data
        self.demo = demo.load

    def scheduled_jobs(self) -> list[ScheduledJob]:
        # Hook (core/hooks.py): friendly payment reminders, every morning.
        return [
            ScheduledJob(
                id="payments.send_payment_reminders",
                task="balintkreis.payments.tasks.send_payment_reminders",
                minute="30",
                hour="8",
            )
        ]

    def main_navigation(self, user: User | AnonymousUser) -> list[Link]:
        if user.is_authenticated and user.is_secretariat:
            return [Link(gettext("Payments"), reverse("payments:overview"), 86)]
        return []

    def invoice_states(self, invoices: list[Invoice]) -> dict[int, str]:
        """Hook of billing/status.py: "paid" or "partly paid" on billing's
        invoice lists, one query for the whole list."""
        from balintkreis.payments import status

        return status.states_for(invoices)

    def invoice_links(self, user: User, invoice: Invoice | None) -> list[Link]:
        """Hook of billing's invoice pages: from an invoice to its payments
        (secretariat), from one's own invoices to paying them (recipient)."""
        if invoice is None:
            return [
                Link(
                    gettext("Paying invoices and direct debit"),
                    reverse("payments:mine"),
                    10,
                )
            ]
        if invoice.is_cancellation or invoice.is_cancelled:
            return []
        if user.is_secretariat:
            return [
                Link(
                    gettext("Payments of this invoice"),
                    reverse("payments:record", args=[invoice.pk]),
                    10,
                )
            ]
        return [
            Link(
                gettext("Paying invoices and direct debit"),
                reverse("payments:mine"),
                10,
            )
        ]
