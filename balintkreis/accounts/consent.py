"""Recording consents with text version and time (DOMAIN.md R11)."""

from balintkreis.accounts.models import Consent, User


def record_privacy(user: User, *, version: str) -> Consent:
    """Store that ``user`` accepted privacy notice ``version`` now."""
    return Consent.objects.create(user=user, kind=Consent.Kind.PRIVACY, version=version)


def record(user: User, *, kind: str, version: str) -> Consent:
    """Store any consent kind (confidentiality, mentor listing, …)."""
    return Consent.objects.create(user=user, kind=kind, version=version)
