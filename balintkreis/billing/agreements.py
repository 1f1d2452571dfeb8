"""Individually agreed fees and billing addresses (issue 18 items 1 and 2).

An agreement changes what future invoices bill; issued invoices stay as
they are (a correction is a cancellation plus a new invoice).
"""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.billing.models import BillingAddress, FeeAgreement
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import Membership
from balintkreis.mentoring.models import Mentorship


class AgreementError(RuleError):
    pass


def _check(
    kind: str, reduction_percent: Decimal | None, amount: Decimal | None
) -> None:
    if kind == FeeAgreement.Kind.REDUCED and reduction_percent is None:
        raise AgreementError(_("Please enter the reduction in percent."))
    if kind == FeeAgreement.Kind.FIXED and amount is None:
        raise AgreementError(_("Please enter the agreed amount."))


def agree_fee(
    subject: Membership | Mentorship,
    *,
    by: User,
    kind: str,
    reduction_percent: Decimal | None = None,
    amount: Decimal | None = None,
    note: str = "",
) -> FeeAgreement:
    """Record (or replace) the agreed fee of a membership or a mentorship's
    supervision; who agreed it and when are kept."""
    _check(kind, reduction_percent, amount)
    field = "membership" if isinstance(subject, Membership) else "mentorship"
    with transaction.atomic():
        agreement = (
            FeeAgreement.objects.select_for_update().filter(**{field: subject}).first()
        ) or FeeAgreement(**{field: subject})
        agreement.kind = kind
        agreement.reduction_percent = (
            reduction_percent if kind == FeeAgreement.Kind.REDUCED else None
        )
        agreement.amount = amount if kind == FeeAgreement.Kind.FIXED else None
        agreement.note = note
        agreement.agreed_by = by
        agreement.agreed_on = timezone.localdate()
        agreement.full_clean()
        agreement.save()
        audit.record(
            by,
            "billing.fee_agreement.saved",
            agreement,
            data={
                "kind": kind,
                "reduction_percent": str(agreement.reduction_percent or ""),
                "amount": str(agreement.amount or ""),
            },
        )
    return agreement


def remove_agreement(agreement: FeeAgreement, *, by: User) -> None:
    """Back to the group's (or the supervision's) fee for future invoices."""
    with transaction.atomic():
        audit.record(by, "billing.fee_agreement.removed", agreement)
        agreement.delete()


def save_billing_address(address: BillingAddress, *, by: User) -> BillingAddress:
    """Store the person's billing address (validated by the caller's form).

    A practice or clinic needs its name; the address is copied onto each
    invoice when it is issued, so changing it never alters issued invoices.
    """
    if address.kind == BillingAddress.Kind.PRIVATE:
        address.organisation = ""
        address.vat_id = ""
    with transaction.atomic():
        address.full_clean()
        address.save()
        audit.record(by, "billing.billing_address.saved", address)
    return address
