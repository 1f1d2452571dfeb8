"""Saving a person's profile and leader profile; what is still missing."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts import efn as efn_rules
from balintkreis.accounts.models import LeaderProfile, User
from balintkreis.core import audit


def save_profile(user: User, *, changed_fields: list[str]) -> list[str]:
    """Store the already validated fields of ``user`` (EFN: DOMAIN.md R1).

    The audit entry names the changed fields, never the EFN itself.
    """
    if not changed_fields:
        return []
    with transaction.atomic():
        user.save(update_fields=changed_fields)
        audit.record(
            user, "accounts.profile.updated", user, data={"fields": changed_fields}
        )
    return changed_fields


def save_leader_profile(
    profile: LeaderProfile, *, actor: User, changed_fields: list[str]
) -> list[str]:
    """Store the already validated fields of a leader profile (DOMAIN.md R8)."""
    if not changed_fields:
        return []
    with transaction.atomic():
        profile.save(update_fields=changed_fields)
        audit.record(
            actor,
            "accounts.leader_profile.updated",
            profile,
            data={"fields": changed_fields},
        )
    return changed_fields


def efn_missing(user: User) -> bool:
    """Without an EFN the points cannot be reported to the chamber (R1).

    Psychologists without a chamber membership have none, so they are not asked.
    """
    return not user.efn and user.profession != User.Profession.PSYCHOLOGIST


def missing_items(user: User) -> list[str]:
    """Human-readable list of what the profile still lacks, for the dashboard."""
    missing = []
    if not user.first_name or not user.last_name:
        missing.append(_("your name"))
    if not user.profession:
        missing.append(_("your profession"))
    if not user.chamber_id:
        missing.append(_("your chamber"))
    if efn_missing(user):
        missing.append(_("your EFN"))
    return [str(item) for item in missing]


def efn_is_unusual(user: User) -> bool:
    """Soft warning only (R1): psychotherapists' chambers use other prefixes."""
    return efn_rules.is_unusual(user.efn)
