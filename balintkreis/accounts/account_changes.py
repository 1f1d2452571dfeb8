"""Changes to a person's account made in the administration (issue 11 item 2).

Nobody sets another person's password: the administration sends the person
a reset link through allauth's normal flow (and the outbox), and the person
chooses the password. Accounts with staff duties are changed by a superuser
only (``permissions.may_change_account``). Every change is audit-logged and
mailed to the person, to the old address too when the address changed, so
a takeover through a changed address does not go unnoticed.
"""

from collections.abc import Iterable

from allauth.account.forms import ResetPasswordForm
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts import permissions
from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.notifications import outbox


class AccountChangeRefused(RuleError):
    pass


def _require_may_change(person: User, *, by: User) -> None:
    if not permissions.may_change_account(by, person):
        raise AccountChangeRefused(
            _(
                "Only a superuser may change the account of a group leader, "
                "the secretariat or a superuser."
            )
        )


def send_reset_link(person: User, *, by: User, request: HttpRequest) -> None:
    """Mail the person a link to choose a new password; the password itself
    stays unchanged until they do."""
    _require_may_change(person, by=by)
    form = ResetPasswordForm(data={"email": person.email})
    if not person.is_active or not form.is_valid():
        raise AccountChangeRefused(
            _("This account is inactive or has no valid e-mail address.")
        )
    with transaction.atomic():
        form.save(request)
        audit.record(by, "accounts.password_reset.link_sent", person)


def tell_about_change(
    person: User, *, by: User, fields: Iterable[str], old_email: str
) -> None:
    """Audit-log a change made in the administration and mail the person
    (at the old and the new address when the address changed)."""
    fields = sorted(set(fields))
    event = audit.record(
        by, "accounts.account.changed_by_admin", person, data={"fields": fields}
    )
    addresses = [person.email]
    if old_email and old_email.lower() != person.email.lower():
        addresses.insert(0, old_email)
    for index, address in enumerate(addresses):
        outbox.enqueue(
            to=address,
            template="accounts/email/account_changed",
            context={
                "recipient": person,
                "fields": fields,
                "secretariat_email": settings.SECRETARIAT_EMAIL,
            },
            key=f"accounts.changed:{event.pk}:{index}",
        )
