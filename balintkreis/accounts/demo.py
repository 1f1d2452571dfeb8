"""Invented demo people (DOMAIN.md R13). Test EFNs only; never real persons."""

from typing import TextIO

from balintkreis.accounts.models import Chamber, LeaderProfile, User

PASSWORD = "balint-demo-2026"

# (role shown by `make run`, e-mail)
LOGINS = [
    ("Sekretariat", "sekretariat@demo.balintkreis.example"),
    ("Gruppenleitung", "leitung@demo.balintkreis.example"),
    ("Teilnehmende (Mitglied)", "teilnahme@demo.balintkreis.example"),
]

CHAMBERS = [
    ("Landesärztekammer Thüringen", "LÄKTh", 8),
    ("Sächsische Landesärztekammer", "SLÄK", 14),
    ("Ärztekammer Sachsen-Anhalt", "ÄKSA", 8),
    ("Bayerische Landesärztekammer", "BLÄK", 8),
    ("Ostdeutsche Psychotherapeutenkammer", "OPK", 8),
]


def ensure_user(email: str, **fields: object) -> User:
    user, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def load(*, stdout: TextIO) -> None:
    for name, short, days in CHAMBERS:
        kind = (
            Chamber.Kind.PSYCHOTHERAPISTS
            if "Psychotherapeuten" in name
            else Chamber.Kind.PHYSICIANS
        )
        Chamber.objects.get_or_create(
            name=name,
            defaults={"short_name": short, "report_within_days": days, "kind": kind},
        )
    thueringen = Chamber.objects.get(short_name="LÄKTh")
    ensure_user(
        LOGINS[0][1],
        first_name="Sabine",
        last_name="Sekretariat",
        is_secretariat=True,
        is_staff=True,
        is_superuser=True,
    )
    leader = ensure_user(
        LOGINS[1][1],
        title=User.Title.DR,
        first_name="Katharina",
        last_name="Wendler",
        profession=User.Profession.PHYSICIAN,
        chamber=thueringen,
        specialty="Psychosomatische Medizin und Psychotherapie",
    )
    LeaderProfile.objects.get_or_create(
        user=leader,
        defaults={
            "qualification": "Fachärztin für Psychosomatische Medizin und Psychotherapie",
            "chamber_recognition": "Landesärztekammer Thüringen",
        },
    )
    ensure_user(
        LOGINS[2][1],
        first_name="Jonas",
        last_name="Albrecht",
        profession=User.Profession.PHYSICIAN,
        specialty="Allgemeinmedizin",
        chamber=thueringen,
        efn="802760020090329",
    )
    stdout.write(f"People: {User.objects.count()}")
