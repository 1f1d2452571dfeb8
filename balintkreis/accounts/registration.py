"""Registration helpers beyond allauth's own sign-up flow."""

from allauth.account.models import EmailAddress

from balintkreis.accounts.models import User


def confirm_email(user: User) -> EmailAddress:
    """Record ``user.email`` as verified main address.

    For people created by the secretariat or by the demo data: with mandatory
    verification allauth lets nobody in whose address is unconfirmed.
    """
    address, _ = EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    if not (address.verified and address.primary):
        address.verified = address.primary = True
        address.save(update_fields=["verified", "primary"])
    return address
