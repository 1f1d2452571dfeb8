"""SEPA direct debit mandates: a member gives one, either side revokes it.

A mandate authorises the institute to collect its invoices from the
member's account (SEPA core direct debit). The member gives it online on
"Lastschriftmandat"; the text they agree to (``MANDATE_TEXT_VERSION``) names
the creditor, its creditor identifier and the shortened pre-notification
period (SEPA_PRENOTIFICATION_DAYS). The platform generates the mandate
reference; the IBAN is validated with schwifty and stored encrypted. A new
mandate replaces the active one (one active mandate per person, a database
constraint); revoked mandates stay for the bank's 14-month proof period
(personal_data.py purges them afterwards).
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.accounts.permissions import is_secretariat
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.payments import sepa
from balintkreis.payments.models import SepaMandate

# Changes when the wording of the mandate changes (templates/payments/
# _mandate_text.html); stored with every mandate.
MANDATE_TEXT_VERSION = "2026-12"


class MandateError(RuleError):
    pass


def active_mandate(user: User) -> SepaMandate | None:
    mandate: SepaMandate | None = SepaMandate.objects.active().filter(user=user).first()
    return mandate


def give_mandate(
    user: User, *, account_holder: str, iban: str, bic: str = ""
) -> SepaMandate:
    """The person gives a mandate for their own invoices; an active one is
    revoked in the same transaction (the person changed accounts)."""
    compact_iban = sepa.validate_iban(iban)
    compact_bic = sepa.validate_bic(bic)
    holder = account_holder.strip()
    if not holder:
        raise MandateError(_("Please enter the name of the account holder."))
    now = timezone.now()
    try:
        with transaction.atomic():
            # Lock the person's mandates: two tabs submitting at once.
            previous = list(SepaMandate.objects.select_for_update().filter(user=user))
            for old in previous:
                if old.revoked_at is None:
                    old.revoked_at = now
                    old.revoked_by = user
                    old.save(update_fields=["revoked_at", "revoked_by"])
            mandate = SepaMandate.objects.create(
                user=user,
                reference=f"BK-{user.pk}-{len(previous) + 1}",
                account_holder=holder[:70],
                iban=compact_iban,
                iban_end=compact_iban[-4:],
                bic=compact_bic,
                signed_on=timezone.localdate(),
                text_version=MANDATE_TEXT_VERSION,
            )
            audit.record(user, "payments.mandate.given", mandate)
    except IntegrityError as error:
        raise MandateError(
            _("The mandate could not be saved. Please try again.")
        ) from error
    return mandate


def revoke_mandate(mandate: SepaMandate, *, by: User) -> SepaMandate:
    """The person (or the secretariat, on their written request) revokes
    the mandate; invoices already in a file sent to the bank are still
    collected."""
    if by != mandate.user and not is_secretariat(by):
        raise MandateError(_("Only the account holder or the secretariat may revoke."))
    with transaction.atomic():
        locked = SepaMandate.objects.select_for_update().get(pk=mandate.pk)
        if locked.revoked_at is not None:
            raise MandateError(_("This mandate was already revoked."))
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.save(update_fields=["revoked_at", "revoked_by"])
        audit.record(by, "payments.mandate.revoked", locked)
    return locked
