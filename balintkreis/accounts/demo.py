"""Invented demo people (DOMAIN.md R13). Test EFNs only; never real persons."""

from typing import TextIO

from django.contrib.auth.hashers import make_password

from balintkreis.accounts import registration
from balintkreis.accounts.efn import PHYSICIAN_PREFIX, luhn_check_digit
from balintkreis.accounts.models import Chamber, LeaderProfile, User

PASSWORD = "balint-demo-2026"
DEMO_DOMAIN = "demo.balintkreis.example"

# (role shown by `make run`, e-mail)
LOGINS = [
    ("Sekretariat", f"sekretariat@{DEMO_DOMAIN}"),
    ("Gruppenleitung", f"leitung@{DEMO_DOMAIN}"),
    ("Teilnehmende (Mitglied)", f"teilnahme@{DEMO_DOMAIN}"),
    ("Mentorin", f"mentorin@{DEMO_DOMAIN}"),
    ("Mentee (neue Gruppenleitung)", f"mentee@{DEMO_DOMAIN}"),
    # Kept apart from the secretariat, which is a plain secretariat account
    # so that the demo shows what the secretariat may do (issue 11 item 15).
    ("Superuser (Administration)", f"superuser@{DEMO_DOMAIN}"),
]
SUPERUSER_EMAIL = LOGINS[-1][1]

CHAMBERS = [
    ("Landesärztekammer Thüringen", "LÄKTh", 8),
    ("Sächsische Landesärztekammer", "SLÄK", 14),
    ("Ärztekammer Sachsen-Anhalt", "ÄKSA", 8),
    ("Bayerische Landesärztekammer", "BLÄK", 8),
    ("Ostdeutsche Psychotherapeutenkammer", "OPK", 8),
]

# The real issuing-body code of LÄK Thüringen is unknown (DOMAIN.md, open
# question 1); demo EFNs use this invented one so they can never be real.
DEMO_CHAMBER_CODE = "999"

# Invented leaders: (e-mail local part, title, first, last, qualification,
# DBG recognition year, biography). The first one is the demo log-in.
LEADERS = [
    (
        "leitung",
        User.Title.DR,
        "Katharina",
        "Wendler",
        "Fachärztin für Psychosomatische Medizin und Psychotherapie",
        2012,
        "Leitet seit vielen Jahren Balintgruppen für Hausärztinnen und Hausärzte.",
    ),
    (
        "t.brandauer",
        User.Title.DR,
        "Thomas",
        "Brandauer",
        "Facharzt für Psychiatrie und Psychotherapie, Psychoanalyse",
        2008,
        "Psychoanalytiker in eigener Praxis in Erfurt.",
    ),
    (
        "m.seidelmann",
        User.Title.DIPL_PSYCH,
        "Miriam",
        "Seidelmann",
        "Psychologische Psychotherapeutin (tiefenpsychologisch fundiert)",
        2016,
        "Arbeitet in Weimar und leitet Online-Gruppen.",
    ),
    (
        "h.kretzschmar",
        User.Title.PROF_DR,
        "Henning",
        "Kretzschmar",
        "Facharzt für Allgemeinmedizin, Zusatzbezeichnung Psychotherapie",
        2005,
        "Hausarzt und Balintgruppenleiter, lehrt Allgemeinmedizin.",
    ),
    (
        "a.voigtlaender",
        User.Title.DR,
        "Anja",
        "Voigtländer",
        "Fachärztin für Psychosomatische Medizin und Psychotherapie",
        2019,
        "Oberärztin einer psychosomatischen Klinik in Gera.",
    ),
    (
        "f.ostermann",
        User.Title.DR,
        "Felix",
        "Ostermann",
        "Facharzt für Kinder- und Jugendpsychiatrie und -psychotherapie",
        2014,
        "Leitet Gruppen für Kinderärztinnen und Kinderärzte.",
    ),
]

WOMEN = [
    "Anna", "Birgit", "Carolin", "Doreen", "Elisabeth", "Franziska", "Greta",
    "Hanna", "Ines", "Judith", "Katrin", "Luise", "Maren", "Nadine", "Olga",
    "Petra", "Ricarda", "Sophie", "Tanja", "Ulrike", "Verena", "Wiebke",
]  # fmt: skip
MEN = [
    "Andreas", "Bernd", "Christian", "Daniel", "Erik", "Florian", "Georg",
    "Hendrik", "Ingo", "Jan", "Konrad", "Lars", "Martin", "Niklas", "Oliver",
    "Paul", "Robert", "Stefan", "Tobias", "Uwe", "Volker", "Wolfgang",
]  # fmt: skip
SURNAMES = [
    "Arnold", "Bachmann", "Dietrich", "Engel", "Fiedler", "Gärtner", "Hartung",
    "Jahn", "Kühn", "Lorenz", "Meißner", "Naumann", "Opitz", "Pohl", "Reinhardt",
    "Schubert", "Thiele", "Ullrich", "Vogel", "Winkler", "Zimmer", "Beyer",
    "Conrad", "Ebert", "Friedrich", "Gebhardt", "Heinze", "Krause", "Lehmann",
    "Möller", "Nitsche", "Petzold", "Rudolph", "Seifert", "Trautmann", "Wagner",
    "Böhme", "Fröhlich", "Haase", "Kaiser", "Ludwig", "Martin", "Richter",
    "Schulze", "Sommer", "Weber", "Wolf", "Zeidler",
]  # fmt: skip
SPECIALTIES = [
    "Allgemeinmedizin",
    "Innere Medizin",
    "Frauenheilkunde und Geburtshilfe",
    "Kinder- und Jugendmedizin",
    "Allgemeinmedizin",
    "Psychiatrie und Psychotherapie",
    "Anästhesiologie",
    "Neurologie",
]
# Physicians, psychotherapists, psychologists and people in training, mixed.
PROFESSIONS = [
    User.Profession.PHYSICIAN,
    User.Profession.PHYSICIAN,
    User.Profession.TRAINEE,
    User.Profession.PSYCHOLOGIST,
    User.Profession.PHYSICIAN,
    User.Profession.PSYCHOTHERAPIST,
]
PARTICIPANT_COUNT = 120


def demo_efn(serial: int) -> str:
    """A well-formed test EFN: 80276 + invented chamber code + serial + Luhn digit."""
    body = f"{PHYSICIAN_PREFIX}{DEMO_CHAMBER_CODE}{serial:06d}"
    return body + luhn_check_digit(body)


def ascii_name(name: str) -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
    return name.lower().translate(table)


def ensure_user(email: str, **fields: object) -> User:
    user, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        user.set_password(PASSWORD)
        user.save()
        # Demo people log in at once: their addresses count as verified.
        registration.confirm_email(user)
    return user


def participant_rows() -> list[dict]:
    """The invented participants, always the same for the same index."""
    rows = []
    # Women and men alternate; 44 first names x 48 surnames never repeat a pair.
    first_names = [name for pair in zip(WOMEN, MEN, strict=True) for name in pair]
    for index in range(PARTICIPANT_COUNT):
        first = first_names[index % len(first_names)]
        last = SURNAMES[(index * 7) % len(SURNAMES)]
        profession = PROFESSIONS[index % len(PROFESSIONS)]
        is_medical = profession in (User.Profession.PHYSICIAN, User.Profession.TRAINEE)
        rows.append(
            {
                "email": f"{ascii_name(first)}.{ascii_name(last)}@{DEMO_DOMAIN}",
                "first_name": first,
                "last_name": last,
                "title": User.Title.DR if is_medical and index % 3 == 0 else "",
                "profession": profession,
                "specialty": SPECIALTIES[index % len(SPECIALTIES)]
                if is_medical
                else "",
                "efn": demo_efn(100 + index) if is_medical else "",
            }
        )
    return rows


def participant_emails() -> list[str]:
    return [row["email"] for row in participant_rows()]


def load_participants(chamber: Chamber) -> None:
    rows = participant_rows()
    existing = set(
        User.objects.filter(email__in=[r["email"] for r in rows]).values_list(
            "email", flat=True
        )
    )
    # One hash for all demo people: hashing 96 passwords with Argon2 would
    # make `make run` wait for seconds.
    password = make_password(PASSWORD)
    User.objects.bulk_create(
        User(**row, chamber=chamber, password=password)
        for row in rows
        if row["email"] not in existing
    )


def load_leaders(chamber: Chamber) -> None:
    for local, title, first, last, qualification, year, biography in LEADERS:
        user = ensure_user(
            f"{local}@{DEMO_DOMAIN}",
            title=title,
            first_name=first,
            last_name=last,
            profession=(
                User.Profession.PSYCHOTHERAPIST
                if title == User.Title.DIPL_PSYCH
                else User.Profession.PHYSICIAN
            ),
            chamber=chamber,
        )
        LeaderProfile.objects.get_or_create(
            user=user,
            defaults={
                "qualification": qualification,
                "dbg_recognised_on": f"{year}-03-01",
                "chamber_recognition": "Landesärztekammer Thüringen",
                "biography": biography,
            },
        )


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
    secretariat = ensure_user(
        LOGINS[0][1], first_name="Sabine", last_name="Sekretariat", is_secretariat=True
    )
    # Demo databases made before issue 11 had a superuser here.
    User.objects.filter(pk=secretariat.pk).update(
        is_secretariat=True, is_staff=False, is_superuser=False
    )
    ensure_user(
        SUPERUSER_EMAIL,
        first_name="Ada",
        last_name="Administration",
        is_staff=True,
        is_superuser=True,
    )
    load_leaders(thueringen)
    ensure_user(
        LOGINS[2][1],
        first_name="Jonas",
        last_name="Albrecht",
        profession=User.Profession.PHYSICIAN,
        specialty="Allgemeinmedizin",
        chamber=thueringen,
        efn="802760020090329",
    )
    load_participants(thueringen)
    stdout.write(f"People: {User.objects.count()}")
