"""Who may see an invoice: the secretariat every one, a person their own.

Somebody else's invoice answers 404: they may not know it exists.
"""

from django.http import Http404

from balintkreis.accounts.models import User
from balintkreis.accounts.permissions import is_secretariat
from balintkreis.billing.models import Invoice


def get_invoice_for_user(user: User, pk: int) -> Invoice:
    invoices = Invoice.objects.select_related("cancels", "issuer")
    if not is_secretariat(user):
        invoices = invoices.filter(recipient=user)
    invoice: Invoice | None = invoices.filter(pk=pk).first()
    if invoice is None:
        raise Http404
    return invoice
