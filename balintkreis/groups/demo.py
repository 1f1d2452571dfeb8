"""Invented demo groups in Thüringen (DOMAIN.md R13). Prices are fictitious.

Idempotent: groups, schedules and inquiries are found by their natural keys;
memberships and entry dates are only added to a group that has none, so a
second run on a later day adds nothing either.
"""

import datetime
from typing import NamedTuple, TextIO

from django.utils import timezone

from balintkreis.accounts.demo import DEMO_DOMAIN, LOGINS, participant_emails
from balintkreis.accounts.models import Chamber, User
from balintkreis.groups.models import (
    BalintGroup,
    EntryDate,
    FeeSchedule,
    FeeTier,
    Inquiry,
    Membership,
)

INSTITUTE = "Thüringer Institut für Psychotherapie und Angewandte Psychoanalyse (Demo)"
INSTITUTE_ROOM = "Seminarraum des Instituts, Lindenhof 4, 07743 Jena"

# name: (note, [(min size, max size, EUR per double session)])
FEE_SCHEDULES = {
    "Standard (Demo)": (
        "Fiktive Demo-Preise. Für Kolleginnen und Kollegen in Weiterbildung gibt "
        "es eine Ermäßigung auf Anfrage.",
        [(6, 9, "55.00"), (10, 12, "45.00"), (13, 15, "40.00")],
    ),
    "Weiterbildung (Demo)": (
        "Fiktive Demo-Preise für Gruppen von Ärztinnen und Ärzten in Weiterbildung.",
        [(6, 12, "35.00")],
    ),
    "Blockseminar (Demo)": (
        "Fiktive Demo-Preise; Samstage mit drei Doppelsitzungen.",
        [(8, 12, "70.00")],
    ),
}

W = BalintGroup.Weekday
R = BalintGroup.Rhythm
F = BalintGroup.Format
S = BalintGroup.Status


class GroupSpec(NamedTuple):
    slug: str
    title: str
    format: str
    city: str
    venue: str
    leader: str  # e-mail local part of a demo leader
    co_leader: str
    capacity: int
    min_size: int
    members: int  # active members; equal to capacity makes the group full
    rhythm: str
    weekday: int
    starts_at: str
    sessions_per_date: int
    fee_schedule: str  # empty: "fee on request"
    status: str
    audience: str


_GROUP_ROWS = [
    ("jena-mitte", "Balintgruppe Jena Mitte", F.IN_PERSON, "Jena", INSTITUTE_ROOM,
     "leitung", "", 12, 8, 9, R.BIWEEKLY, W.WEDNESDAY, "18:00", 1,
     "Standard (Demo)", S.OPEN, ""),
    ("jena-hausaerzte", "Hausärztliche Balintgruppe Jena", F.IN_PERSON, "Jena",
     "Praxisräume am Holzmarkt 2, 07743 Jena", "h.kretzschmar", "", 10, 8, 10,
     R.BIWEEKLY, W.MONDAY, "19:00", 1, "Standard (Demo)", S.OPEN,
     "Hausärztinnen und Hausärzte, Ärztinnen und Ärzte in Weiterbildung "
     "Allgemeinmedizin"),
    ("jena-weiterbildung", "Balintgruppe für Ärztinnen und Ärzte in Weiterbildung",
     F.IN_PERSON, "Jena", INSTITUTE_ROOM, "leitung", "a.voigtlaender", 10, 8, 3,
     R.MONTHLY, W.THURSDAY, "17:30", 1, "Weiterbildung (Demo)", S.FORMING,
     "Ärztinnen und Ärzte in Weiterbildung aller Fachrichtungen"),
    ("erfurt-domplatz", "Balintgruppe Erfurt Domplatz", F.IN_PERSON, "Erfurt",
     "Gruppenraum Domstufen, Marktstraße 10, 99084 Erfurt", "t.brandauer", "",
     12, 8, 9, R.BIWEEKLY, W.TUESDAY, "18:30", 1, "Standard (Demo)", S.OPEN, ""),
    ("erfurt-klinik", "Klinik-Balintgruppe Erfurt", F.IN_PERSON, "Erfurt",
     "Konferenzraum 3, Klinikum-Nord, 99089 Erfurt", "t.brandauer", "", 10, 8, 6,
     R.WEEKLY, W.THURSDAY, "16:00", 1, "Standard (Demo)", S.OPEN,
     "Ärztinnen und Ärzte sowie Psychologinnen und Psychologen im Krankenhaus"),
    ("erfurt-samstag", "Balint-Samstage Erfurt", F.IN_PERSON, "Erfurt",
     "Bildungshaus am Petersberg, 99084 Erfurt", "h.kretzschmar", "", 12, 8, 8,
     R.BLOCK, W.SATURDAY, "09:00", 3, "Blockseminar (Demo)", S.OPEN, ""),
    ("weimar-frauenplan", "Balintgruppe Weimar", F.IN_PERSON, "Weimar",
     "Haus am Frauenplan 7, 99423 Weimar", "m.seidelmann", "", 10, 8, 7,
     R.BIWEEKLY, W.WEDNESDAY, "19:00", 1, "Standard (Demo)", S.OPEN, ""),
    ("weimar-psychologie", "Balintgruppe für Psychologinnen und Psychologen Weimar",
     F.IN_PERSON, "Weimar", "Haus am Frauenplan 7, 99423 Weimar", "m.seidelmann",
     "", 9, 7, 5, R.MONTHLY, W.FRIDAY, "15:00", 1, "Standard (Demo)", S.PAUSED,
     "Psychologinnen und Psychologen, Psychologische Psychotherapeutinnen und "
     "Psychotherapeuten"),
    ("gera-zentrum", "Balintgruppe Gera", F.IN_PERSON, "Gera",
     "Tagungsraum, Sorge 20, 07545 Gera", "a.voigtlaender", "", 10, 8, 7,
     R.BIWEEKLY, W.TUESDAY, "18:00", 1, "Standard (Demo)", S.OPEN, ""),
    ("gera-kinder", "Balintgruppe Kinder- und Jugendmedizin Gera", F.IN_PERSON,
     "Gera", "Tagungsraum, Sorge 20, 07545 Gera", "f.ostermann", "", 8, 6, 5,
     R.MONTHLY, W.MONDAY, "18:00", 1, "", S.OPEN,
     "Kinder- und Jugendärztinnen und -ärzte, Kinder- und "
     "Jugendlichenpsychotherapeutinnen und -psychotherapeuten"),
    ("online-mittwoch", "Online-Balintgruppe am Mittwochabend", F.ONLINE, "", "",
     "m.seidelmann", "", 10, 8, 8, R.BIWEEKLY, W.WEDNESDAY, "20:00", 1,
     "Standard (Demo)", S.OPEN, ""),
    ("online-thueringen", "Online-Balintgruppe Thüringen", F.ONLINE, "", "",
     "f.ostermann", "", 12, 8, 9, R.WEEKLY, W.MONDAY, "20:00", 1,
     "Standard (Demo)", S.OPEN, ""),
    ("hybrid-jena", "Hybride Balintgruppe Jena", F.HYBRID, "Jena", INSTITUTE_ROOM,
     "leitung", "m.seidelmann", 12, 8, 8, R.BIWEEKLY, W.THURSDAY, "19:00", 1,
     "Standard (Demo)", S.OPEN, ""),
    ("hybrid-erfurt-weimar", "Hybride Balintgruppe Erfurt–Weimar", F.HYBRID,
     "Erfurt", "Gruppenraum Domstufen, Marktstraße 10, 99084 Erfurt",
     "t.brandauer", "", 10, 8, 4, R.MONTHLY, W.SATURDAY, "10:00", 2,
     "Blockseminar (Demo)", S.OPEN, ""),
    ("jena-abschluss", "Balintgruppe Jena 2024 (beendet)", F.IN_PERSON, "Jena",
     INSTITUTE_ROOM, "leitung", "", 10, 8, 0, R.BIWEEKLY, W.TUESDAY, "18:00", 1,
     "Standard (Demo)", S.CLOSED, ""),
]  # fmt: skip
GROUPS = [GroupSpec(*row) for row in _GROUP_ROWS]
# Seed 000: "Informationen zu Kosten und freien Plätzen ... auf Anfrage".
FEE_AND_PLACES_ON_REQUEST = {"weimar-frauenplan"}

# Set explicitly: the model's lazy default would be stored in whatever
# language is active when the command runs.
DEFAULT_AUDIENCE = (
    "Ärztinnen und Ärzte aller Fachrichtungen, Psychologinnen und Psychologen "
    "sowie Kolleginnen und Kollegen in Weiterbildung"
)
DESCRIPTION = (
    "Eine fortlaufende Balintgruppe nach den Vorgaben der Landesärztekammer "
    "Thüringen. In jeder Doppelsitzung stellt eine Teilnehmerin oder ein "
    "Teilnehmer eine Begegnung aus dem eigenen Berufsalltag vor; die Gruppe "
    "reflektiert gemeinsam die Beziehung zwischen Behandelnden und Behandelten.\n\n"
    "Vertraulichkeit ist verbindliche Grundlage der Arbeit."
)
ONLINE_NOTE = (
    "\n\nDie Sitzungen finden in einem geschützten Jitsi-Raum statt; vor der "
    "ersten Sitzung gibt es einen kurzen Technik-Check."
)

INQUIRIES = [
    ("Dr. Carla Neumeister", "c.neumeister@praxis.example", "physician",
     "jena-mitte", Inquiry.Status.NEW,
     "Guten Tag, ich bin Hausärztin in Jena und möchte die Balintgruppe für die "
     "Psychosomatische Grundversorgung nutzen. Ist ein Einstieg im Frühjahr möglich?"),
    ("Benedikt Raschke", "b.raschke@klinik.example", "trainee", "jena-weiterbildung",
     Inquiry.Status.NEW,
     "Ich bin im zweiten Weiterbildungsjahr Innere Medizin. Ab wann startet die "
     "neue Gruppe, und gibt es eine Ermäßigung?"),
    ("Mareike Osterloh", "m.osterloh@psy.example", "psychologist", "", Inquiry.Status.NEW,
     "Können auch Psychologinnen ohne Approbation an einer Gruppe teilnehmen?"),
    ("Dr. Jörg Wendisch", "j.wendisch@praxis.example", "physician", "online-mittwoch",
     Inquiry.Status.ANSWERED,
     "Wie viele Sitzungen der Online-Gruppe werden für die PSGV anerkannt?"),
]  # fmt: skip


def load_fee_schedules() -> dict[str, FeeSchedule]:
    schedules = {}
    for name, (note, tiers) in FEE_SCHEDULES.items():
        schedule, created = FeeSchedule.objects.get_or_create(
            name=name, defaults={"note": note}
        )
        if created:
            FeeTier.objects.bulk_create(
                FeeTier(
                    schedule=schedule, min_size=lo, max_size=hi, price_per_session=p
                )
                for lo, hi, p in tiers
            )
        schedules[name] = schedule
    return schedules


def load_groups(chamber: Chamber, schedules: dict[str, FeeSchedule]) -> None:
    demo_leaders = User.objects.filter(
        email__endswith=f"@{DEMO_DOMAIN}", leader_profile__isnull=False
    )
    leaders = {u.email.split("@")[0]: u for u in demo_leaders}
    for spec in GROUPS:
        is_block = spec.rhythm == R.BLOCK
        defaults = {
            "title": spec.title,
            "description": DESCRIPTION
            + (ONLINE_NOTE if spec.format != F.IN_PERSON else ""),
            "format": spec.format,
            "city": spec.city,
            "venue": spec.venue,
            "leader": leaders[spec.leader],
            "co_leader": leaders.get(spec.co_leader),
            "capacity": spec.capacity,
            "min_size": spec.min_size,
            "rhythm": spec.rhythm,
            "weekday": spec.weekday,
            "starts_at": datetime.time.fromisoformat(spec.starts_at),
            "sessions_per_date": spec.sessions_per_date,
            "term_sessions": 15 if is_block else 10,
            "term_label": "Kurs" if is_block else "Halbjahr",
            "chamber": chamber,
            "cooperation_partner": INSTITUTE,
            "fee_schedule": schedules.get(spec.fee_schedule),
            "status": spec.status,
            "audience": spec.audience or DEFAULT_AUDIENCE,
            "fee_and_places_on_request": spec.slug in FEE_AND_PLACES_ON_REQUEST,
        }
        BalintGroup.objects.get_or_create(slug=spec.slug, defaults=defaults)


def load_memberships(today: datetime.date) -> None:
    """Fill groups with invented participants, each person in at most one group."""
    people = iter(User.objects.filter(email__in=participant_emails()).order_by("pk"))
    member = User.objects.get(email=LOGINS[2][1])
    for offset, spec in enumerate(GROUPS):
        slug, count = spec.slug, spec.members
        group = BalintGroup.objects.get(slug=slug)
        if group.memberships.exists():
            continue
        users = [member] if slug == "jena-mitte" else []
        users += [next(people) for _ in range(count - len(users))]
        started = today - datetime.timedelta(days=60 + 7 * offset)
        Membership.objects.bulk_create(
            Membership(group=group, user=user, started_on=started) for user in users
        )
        if count:
            # One former member per group: history is kept, not counted.
            Membership.objects.create(
                group=group,
                user=next(people),
                started_on=started - datetime.timedelta(days=200),
                ended_on=started - datetime.timedelta(days=10),
                end_reason="Umzug",
            )


def load_entry_dates(today: datetime.date) -> None:
    for group in BalintGroup.objects.listed():
        if group.entry_dates.exists():
            continue
        first = today + datetime.timedelta(days=21 + group.pk % 14)
        EntryDate.objects.bulk_create(
            [
                EntryDate(group=group, starts_on=first, note="Schnuppertermin möglich"),
                EntryDate(group=group, starts_on=first + datetime.timedelta(days=91)),
            ]
        )


def load_inquiries() -> None:
    for name, email, profession, slug, status, message in INQUIRIES:
        if Inquiry.objects.filter(email=email).exists():
            continue
        Inquiry.objects.create(
            name=name,
            email=email,
            profession=profession,
            group=BalintGroup.objects.filter(slug=slug).first(),
            message=message,
            consent_version="demo",
            status=status,
            answered_at=timezone.now() if status == Inquiry.Status.ANSWERED else None,
        )


def load(*, stdout: TextIO) -> None:
    today = timezone.localdate()
    chamber = Chamber.objects.get(short_name="LÄKTh")
    load_groups(chamber, load_fee_schedules())
    load_memberships(today)
    load_entry_dates(today)
    load_inquiries()
    stdout.write(
        f"Groups: {BalintGroup.objects.count()}, "
        f"memberships: {Membership.objects.count()}, "
        f"inquiries: {Inquiry.objects.count()}"
    )
