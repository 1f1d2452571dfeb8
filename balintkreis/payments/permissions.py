"""Who may reach what: payments of every invoice are the secretariat's;
a person sees their own invoices and mandate only."""

from django.shortcuts import get_object_or_404

from balintkreis.accounts.models import User
from balintkreis.accounts.permissions import require_secretariat
from balintkreis.billing.models import Invoice
from balintkreis.payments.models import BankStatement, DirectDebitBatch, StatementEntry


def get_invoice_for_secretariat(user: User, pk: int) -> Invoice:
    require_secretariat(user)
    invoice: Invoice = get_object_or_404(
        Invoice.objects.select_related("cancellation", "recipient"), pk=pk
    )
    return invoice


def get_statement_for_secretariat(user: User, pk: int) -> BankStatement:
    require_secretariat(user)
    statement: BankStatement = get_object_or_404(BankStatement, pk=pk)
    return statement


def get_entry_for_review(user: User, pk: int) -> StatementEntry:
    require_secretariat(user)
    entry: StatementEntry = get_object_or_404(StatementEntry.objects.to_review(), pk=pk)
    return entry


def get_batch_for_secretariat(user: User, pk: int) -> DirectDebitBatch:
    require_secretariat(user)
    batch: DirectDebitBatch = get_object_or_404(DirectDebitBatch, pk=pk)
    return batch
