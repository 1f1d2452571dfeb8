"""Who may see and do what in the record.

The record belongs to its person: everybody else gets 404 for its entries
and targets. The secretariat and recognised leaders confirm outside
entries: the secretariat all of them, a leader those that name them; they
read the entry and its scan (audit-logged), nobody else does. People
without a confirming role get 403 on the queue.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from balintkreis.accounts.models import User
from balintkreis.record import documents
from balintkreis.record.models import ChosenTarget, OutsideEntry


def is_confirmer(user: User) -> bool:
    return user.is_secretariat or user.is_leader


def require_confirmer(user: User) -> None:
    if not is_confirmer(user):
        raise PermissionDenied


def get_own_entry(user: User, pk: int) -> OutsideEntry:
    entry: OutsideEntry = get_object_or_404(
        OutsideEntry.objects.select_related("confirming_leader"), pk=pk, user=user
    )
    return entry


def get_entry_for_reader(user: User, pk: int) -> OutsideEntry:
    """The entry with its scan, for the person and the confirming role."""
    entry: OutsideEntry = get_object_or_404(
        OutsideEntry.objects.select_related("document", "user"), pk=pk
    )
    if not documents.may_read(user, entry):
        raise Http404
    return entry


def get_entry_for_decider(user: User, pk: int) -> OutsideEntry:
    """An entry in the person's confirmation queue (any status)."""
    require_confirmer(user)
    entry: OutsideEntry = get_object_or_404(
        OutsideEntry.objects.for_confirmer(user).select_related(
            "user", "confirming_leader", "decided_by"
        ),
        pk=pk,
    )
    return entry


def get_own_target(user: User, pk: int) -> ChosenTarget:
    chosen: ChosenTarget = get_object_or_404(ChosenTarget, pk=pk, user=user)
    return chosen
