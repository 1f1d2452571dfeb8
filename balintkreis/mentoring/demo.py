"""Invented mentors, a running mentorship and the starter FAQ (DOMAIN.md R13).

Works on its own: it creates its own demo people with ``ensure_user`` and uses
the accounts demo leader as an extra mentor when present. Fees are fictitious.
"""

import datetime
from decimal import Decimal
from typing import Any, TextIO

from django.conf import settings
from django.utils import timezone

from balintkreis.accounts import consent
from balintkreis.accounts.demo import ensure_user
from balintkreis.accounts.models import Consent, LeaderProfile, User
from balintkreis.core.regions import Region
from balintkreis.mentoring import faq
from balintkreis.mentoring.models import (
    Format,
    MentoringRequest,
    MentoringSession,
    MentorProfile,
    Mentorship,
    SupervisionTerms,
    Topic,
)

# (role, e-mail) for the printed list of log-ins.
LOGINS = [
    ("Mentorin", "mentorin@demo.balintkreis.example"),
    ("Mentee", "mentee@demo.balintkreis.example"),
]

MENTORS: list[dict[str, Any]] = [
    {
        "email": "mentorin@demo.balintkreis.example",
        "person": {
            "title": User.Title.DR,
            "first_name": "Ursula",
            "last_name": "Brandt",
        },
        "qualification": "Fachärztin für Allgemeinmedizin, Psychotherapie",
        "profile": {
            "biography": (
                "Hausärztin in Leipzig, leite seit 2008 Balintgruppen für "
                "Hausärztinnen und Hausärzte. Ich helfe gern bei Akquise und "
                "Kammerantrag."
            ),
            "years_leading": 18,
            "region": Region.SN,
            "city": "Leipzig",
            "mode": MentorProfile.Mode.BOTH,
            "max_mentees": 2,
        },
        "topics": ["acquisition", "accreditation", "billing", "rooms"],
    },
    {
        "email": "mentor.erfurt@demo.balintkreis.example",
        "person": {
            "title": User.Title.DR,
            "first_name": "Thomas",
            "last_name": "Keller",
        },
        "qualification": "Facharzt für Psychosomatische Medizin und Psychotherapie",
        "profile": {
            "biography": (
                "Leite eine Klinikgruppe und eine Online-Gruppe in Thüringen. "
                "Schwerpunkt: Online-Gruppen und Technik."
            ),
            "years_leading": 9,
            "region": Region.TH,
            "city": "Erfurt",
            "mode": MentorProfile.Mode.ONLINE,
            "max_mentees": 3,
        },
        "topics": ["online", "accreditation", "rooms"],
    },
    {
        "email": "mentorin.wuerzburg@demo.balintkreis.example",
        "person": {
            "title": User.Title.DR_PHIL,
            "first_name": "Friederike",
            "last_name": "Hahn",
        },
        "qualification": "Psychologische Psychotherapeutin (TP)",
        "profile": {
            "biography": "Balintgruppen für Psychologinnen und Psychologen in Würzburg.",
            "years_leading": 12,
            "region": Region.BY,
            "city": "Würzburg",
            "mode": MentorProfile.Mode.IN_PERSON,
            "max_mentees": 1,
            "is_accepting": False,
        },
        "topics": ["billing", "rooms"],
    },
]

SESSIONS = [
    (
        70,
        Format.ONLINE,
        60,
        ["acquisition"],
        "Zielgruppe und Ausschreibung besprochen.",
    ),
    (49, Format.ONLINE, 45, ["accreditation"], "Kammerantrag gemeinsam vorbereitet."),
    (28, Format.IN_PERSON, 60, ["billing", "rooms"], "Honorar und Raum im MVZ."),
]


def _leader(email: str, person: dict, qualification: str) -> User:
    user = ensure_user(email, profession=User.Profession.PHYSICIAN, **person)
    LeaderProfile.objects.get_or_create(
        user=user, defaults={"qualification": qualification}
    )
    return user


def _mentor(user: User, profile: dict, topics: list[str]) -> MentorProfile:
    mentor, created = MentorProfile.objects.get_or_create(
        user=user, defaults={**profile, "is_listed": True}
    )
    if created:
        mentor.topics.set(Topic.objects.filter(code__in=topics))
        consent.record(
            user,
            kind=Consent.Kind.MENTOR_LISTING,
            version=settings.MENTOR_LISTING_CONSENT_VERSION,
        )
    return mentor


def _running_mentorship(mentor: User, mentee: User) -> None:
    if Mentorship.objects.filter(mentor=mentor, mentee=mentee).exists():
        return
    today = timezone.localdate()
    request = MentoringRequest.objects.create(
        mentor=mentor,
        mentee=mentee,
        situation=MentoringRequest.Situation.NEW,
        message="Ich möchte im Herbst meine erste Balintgruppe in Gera starten.",
        status=MentoringRequest.Status.ACCEPTED,
        decided_at=timezone.now() - datetime.timedelta(days=80),
    )
    request.topics.set(Topic.objects.filter(code__in=["acquisition", "accreditation"]))
    starts_on = today - datetime.timedelta(days=7)
    mentorship = Mentorship.objects.create(
        request=request,
        mentor=mentor,
        mentee=mentee,
        started_on=today - datetime.timedelta(days=80),
        status=Mentorship.Status.SUPERVISION,
        supervision_from=starts_on,
    )
    for days_ago, fmt, minutes, topics, notes in SESSIONS:
        session = MentoringSession.objects.create(
            mentorship=mentorship,
            held_on=today - datetime.timedelta(days=days_ago),
            format=fmt,
            duration_minutes=minutes,
            notes=notes,
            logged_by=mentor,
        )
        session.topics.set(Topic.objects.filter(code__in=topics))
    confirmed = timezone.now() - datetime.timedelta(days=14)
    SupervisionTerms.objects.create(
        mentorship=mentorship,
        fee_per_session=Decimal("90.00"),  # fictitious (DOMAIN.md R13)
        frequency=SupervisionTerms.Frequency.MONTHLY,
        starts_on=starts_on,
        notes="60 Minuten je Termin, Absage bis 48 Stunden vorher kostenfrei.",
        changed_by=mentor,
        mentor_confirmed_at=confirmed,
        mentee_confirmed_at=confirmed,
    )


def load(*, stdout: TextIO) -> None:
    mentors = []
    for spec in MENTORS:
        user = _leader(spec["email"], spec["person"], spec["qualification"])
        mentors.append(_mentor(user, spec["profile"], spec["topics"]))
    demo_leader = User.objects.filter(
        email="leitung@demo.balintkreis.example", leader_profile__isnull=False
    ).first()
    if demo_leader is not None:
        _mentor(
            demo_leader,
            {
                "biography": "Gruppenleitung in Jena; berate zu Anerkennung und Räumen.",
                "years_leading": 7,
                "region": Region.TH,
                "city": "Jena",
                "mode": MentorProfile.Mode.BOTH,
                "max_mentees": 2,
            },
            ["accreditation", "rooms", "online"],
        )
    mentee = _leader(
        "mentee@demo.balintkreis.example",
        {"title": User.Title.DR, "first_name": "Miriam", "last_name": "Vogt"},
        "Fachärztin für Allgemeinmedizin, Balint-Leiterausbildung abgeschlossen",
    )
    _running_mentorship(mentors[0].user, mentee)
    newcomer = ensure_user(
        "mentee.neu@demo.balintkreis.example",
        title=User.Title.DR,
        first_name="Felix",
        last_name="Baumann",
        profession=User.Profession.PHYSICIAN,
    )
    if not MentoringRequest.objects.filter(mentee=newcomer).exists():
        request = MentoringRequest.objects.create(
            mentor=mentors[1].user,
            mentee=newcomer,
            situation=MentoringRequest.Situation.RETURNING,
            message="Nach fünf Jahren Pause möchte ich wieder eine Online-Gruppe leiten.",
        )
        request.topics.set(Topic.objects.filter(code__in=["online"]))
    new_faq = faq.load_seed()
    stdout.write(
        f"Mentoring: {MentorProfile.objects.listed().count()} mentors, "
        f"{Mentorship.objects.count()} mentorships, {new_faq} new FAQ entries"
    )
