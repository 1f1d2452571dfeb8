"""The person's own record: profile, roles, consents, e-mail addresses and
second factors (core/personal_data.py composes all apps)."""

import datetime

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.db.models.deletion import ProtectedError

from balintkreis.accounts.models import Consent, LeaderProfile, User
from balintkreis.core import audit, dates
from balintkreis.notifications import personal_data as notifications_personal_data

PSEUDONYM_DOMAIN = "pseudonym.invalid"


def export(user: User) -> dict:
    profile = LeaderProfile.objects.filter(user=user).first()
    return {
        "email": user.email,
        "form_of_address": user.get_form_of_address_display(),
        "title": user.title,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "profession": user.get_profession_display(),
        "specialty": user.specialty,
        "chamber": str(user.chamber or ""),
        # The owner may read the full number (DOMAIN.md R1).
        "efn": user.efn,
        "phone": user.phone,
        "language": user.get_language_display(),
        "meeting_reminders": user.meeting_reminders,
        "is_secretariat": user.is_secretariat,
        "joined_at": dates.local_iso(user.date_joined),
        "last_login_at": dates.local_iso(user.last_login),
        "leader_profile": _leader_profile(profile) if profile else None,
        "consents": [
            {
                "kind": consent.get_kind_display(),
                "version": consent.version,
                "given_at": dates.local_iso(consent.given_at),
                "withdrawn_at": _iso(consent.withdrawn_at),
            }
            for consent in user.consents.all()
        ],
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        # Which second factors exist, never their secrets.
        "second_factors": [
            {"type": a.get_type_display(), "created_at": dates.local_iso(a.created_at)}
            for a in Authenticator.objects.filter(user=user)
        ],
    }


def _leader_profile(profile: LeaderProfile) -> dict:
    return {
        "qualification": profile.qualification,
        "dbg_recognised_on": _iso(profile.dbg_recognised_on),
        "dbg_number": profile.dbg_number,
        "chamber_recognition": profile.chamber_recognition,
        "is_balint_ifa": profile.is_balint_ifa,
        "biography": profile.biography,
    }


def _iso(value: datetime.date | None) -> str | None:
    return dates.local_iso(value)


def addresses(user: User) -> list[str]:
    """Every e-mail address of the person (allauth keeps secondary ones)."""
    found = {user.email.lower()} if user.email else set()
    found |= {
        email.lower()
        for email in EmailAddress.objects.filter(user=user).values_list(
            "email", flat=True
        )
    }
    return sorted(found)


def identifiers(user: User) -> list[str]:
    """What names the person in text: addresses, name forms and phone.

    The first name alone is left out on purpose: "Anna" would redact every
    other Anna. It only appears next to the last name in our texts.
    """
    names = [
        user.display_name,
        f"{user.first_name} {user.last_name}".strip(),
        f"{user.last_name}, {user.first_name}".strip(", "),
        user.last_name,
    ]
    return [value for value in [*addresses(user), *names, user.phone] if value]


def erase(user: User) -> None:
    """Delete the person; when proof records of other apps still point to
    them (confirmed attendance, certificates), keep a pseudonymous row
    instead: no name, address, EFN, password or roles (Art. 17(3)(b)).

    The audit log and the admin log keep what happened, with the person's
    name, addresses and phone replaced by ``person-<pk>`` (issue 11 item 7).
    """
    audit.redact_person(user.pk, texts=identifiers(user))
    notifications_personal_data.erase_about(
        addresses=addresses(user), identifiers=identifiers(user)
    )
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    Consent.objects.filter(user=user).delete()
    LeaderProfile.objects.filter(user=user).delete()
    try:
        with transaction.atomic():
            User.objects.filter(pk=user.pk).delete()
    except ProtectedError:
        pseudonymise(user)


def pseudonymise(user: User) -> None:
    user.email = f"person-{user.pk}@{PSEUDONYM_DOMAIN}"
    user.title = user.first_name = user.last_name = ""
    user.profession = user.specialty = user.phone = user.efn = ""
    user.chamber = None
    user.is_active = user.is_staff = user.is_superuser = False
    user.is_secretariat = False
    # A new unusable password also ends every open session of the person.
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def is_pseudonym(user: User) -> bool:
    return user.email.endswith(f"@{PSEUDONYM_DOMAIN}")


def purge_expired(*, now: datetime.datetime) -> int:
    """Delete pseudonymous people once the apps purged their last proof."""
    deleted = 0
    for user in User.objects.filter(email__endswith=f"@{PSEUDONYM_DOMAIN}"):
        try:
            with transaction.atomic():
                user.delete()
        except ProtectedError:
            # Still proof left (within its retention period): keep the row.
            continue
        deleted += 1
    return deleted
