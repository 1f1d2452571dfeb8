"""Mentor profiles and the consent to be listed (DOMAIN.md R9, R11)."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts import consent as consent_rules
from balintkreis.accounts.models import Consent, User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.mentoring.models import MentorProfile, Topic


class ProfileError(RuleError):
    pass


def has_listing_consent(user: User) -> bool:
    return Consent.objects.filter(
        user=user,
        kind=Consent.Kind.MENTOR_LISTING,
        version=settings.MENTOR_LISTING_CONSENT_VERSION,
        withdrawn_at__isnull=True,
    ).exists()


def publish(
    profile: MentorProfile, *, topics: Iterable[Topic], consent: bool
) -> MentorProfile:
    """Save ``profile`` and list it in the directory.

    Only leaders may mentor, and only with a recorded consent to be listed in
    the current text version (DOMAIN.md R9: opt-in consent).
    """
    user = profile.user
    if not user.is_leader:
        raise ProfileError(_("Only Balint group leaders can offer mentoring."))
    if not consent:
        raise ProfileError(
            _("Please agree to be listed in the mentor directory, or withdraw.")
        )
    with transaction.atomic():
        if not has_listing_consent(user):
            consent_rules.record(
                user,
                kind=Consent.Kind.MENTOR_LISTING,
                version=settings.MENTOR_LISTING_CONSENT_VERSION,
            )
        profile.is_listed = True
        profile.full_clean()
        profile.save()
        profile.topics.set(topics)
        audit.record(user, "mentoring.profile.published", profile)
    return profile


def withdraw_listing(profile: MentorProfile) -> MentorProfile:
    """Remove the profile from the directory and withdraw the consent.

    Running mentorships continue; nobody new can find or ask this mentor.
    """
    with transaction.atomic():
        profile.is_listed = False
        profile.save(update_fields=["is_listed", "updated_at"])
        Consent.objects.filter(
            user=profile.user,
            kind=Consent.Kind.MENTOR_LISTING,
            withdrawn_at__isnull=True,
        ).update(withdrawn_at=timezone.now())
        audit.record(profile.user, "mentoring.profile.withdrawn", profile)
    return profile
