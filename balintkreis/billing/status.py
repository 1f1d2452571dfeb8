"""An invoice's state as people read it: open, overdue, cancelled, and what
apps above billing add (the payments app: paid, partly paid) through the
``invoice_states`` hook of their AppConfig:

    def invoice_states(self, invoices: list[Invoice]) -> dict[int, str]

(invoice pk → label; a later app's label wins). Billing knows no payments.
"""

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from balintkreis.billing.models import Invoice
from balintkreis.core import hooks


def states(invoices: list[Invoice], *, today: datetime.date) -> dict[int, str]:
    found: dict[int, str] = {}
    for invoice in invoices:
        if invoice.is_cancellation:
            found[invoice.pk] = _("cancellation invoice")
        elif invoice.is_cancelled:
            found[invoice.pk] = pgettext("invoice state", "cancelled")
        elif invoice.is_overdue_on(today):
            found[invoice.pk] = pgettext("invoice state", "overdue")
        else:
            found[invoice.pk] = pgettext("invoice state", "open")
    for _config, contribute in hooks.contributions("invoice_states"):
        found.update(contribute(invoices))
    return found
