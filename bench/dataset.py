"""Build the benchmark data set: a national society's worth of data.

200 groups, 3,000 people, 20,000 meetings, 200,000 attendance rows (default
scale 1.0). Runs inside a configured Django (DATABASE_URL or SQLITE_PATH).
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from balintkreis.accounts import efn as efn_rules
from balintkreis.accounts.models import Chamber, LeaderProfile, User
from balintkreis.cme.models import EventNumber
from balintkreis.groups.models import BalintGroup, FeeSchedule, FeeTier, Membership
from balintkreis.meetings.models import Attendance, Meeting
from balintkreis.mentoring.models import MentoringRequest, MentorProfile, Topic

PASSWORD = "bench-password-123"
# Simulated people of the logged-in pages: one session each, one per client.
PERSONS = 64
SECRETARIAT = 8
MENTORS = 60


def _vnr(n: int) -> str:
    body = f"276001{2026:04d}{n:08d}"
    return body + efn_rules.luhn_check_digit(body)


CITIES = ["Jena", "Erfurt", "Weimar", "Gera", "Leipzig", "Dresden", "Halle", "Berlin"]


def build(
    *,
    groups: int = 200,
    people: int = 3000,
    meetings_per_group: int = 100,
    attendees_per_meeting: int = 10,
) -> dict:
    rng = random.Random(42)
    password = make_password(PASSWORD)
    with transaction.atomic():
        chamber, _ = Chamber.objects.get_or_create(
            name="Landesärztekammer Thüringen", defaults={"short_name": "LÄKTh"}
        )
        schedule, _ = FeeSchedule.objects.get_or_create(name="Bench")
        if not schedule.tiers.exists():
            FeeTier.objects.bulk_create(
                [
                    FeeTier(
                        schedule=schedule,
                        min_size=3,
                        max_size=9,
                        price_per_session=Decimal("55"),
                    ),
                    FeeTier(
                        schedule=schedule,
                        min_size=10,
                        max_size=15,
                        price_per_session=Decimal("45"),
                    ),
                ]
            )
        users = []
        for n in range(people):
            body = f"80276{n:09d}"
            users.append(
                User(
                    email=f"bench{n}@bench.example",
                    first_name=f"Vorname{n}",
                    last_name=f"Nachname{n}",
                    password=password,
                    chamber=chamber,
                    profession=User.Profession.PHYSICIAN,
                    efn=body + efn_rules.luhn_check_digit(body),
                )
            )
        User.objects.bulk_create(users, batch_size=500)
        users = list(User.objects.filter(email__startswith="bench").order_by("pk"))
        leaders = users[:groups]
        LeaderProfile.objects.bulk_create(
            [LeaderProfile(user=u, qualification="Facharzt") for u in leaders],
            batch_size=500,
        )
        group_rows = [
            BalintGroup(
                title=f"Balintgruppe {CITIES[n % len(CITIES)]} {n}",
                slug=f"bench-{n}",
                format=rng.choice(list(BalintGroup.Format)),
                city=CITIES[n % len(CITIES)],
                leader=leaders[n],
                capacity=12,
                rhythm=BalintGroup.Rhythm.BIWEEKLY,
                weekday=n % 5,
                starts_at=datetime.time(18),
                chamber=chamber,
                fee_schedule=schedule,
            )
            for n in range(groups)
        ]
        BalintGroup.objects.bulk_create(group_rows, batch_size=500)
        group_rows = list(
            BalintGroup.objects.filter(slug__startswith="bench-").order_by("pk")
        )
        members = users[groups:]
        today = timezone.localdate()
        memberships = []
        group_members: dict[int, list[User]] = {}
        for index, group in enumerate(group_rows):
            chosen = members[(index * attendees_per_meeting) % len(members) :][
                :attendees_per_meeting
            ]
            group_members[group.pk] = chosen
            for user in chosen:
                memberships.append(
                    Membership(
                        group=group,
                        user=user,
                        started_on=today - datetime.timedelta(days=1500),
                    )
                )
        Membership.objects.bulk_create(memberships, batch_size=1000)
        start = timezone.now() - datetime.timedelta(days=7 * meetings_per_group)
        meeting_rows = []
        for group in group_rows:
            for k in range(meetings_per_group):
                meeting_rows.append(
                    Meeting(
                        group=group,
                        starts_at=start + datetime.timedelta(days=7 * k),
                        format=Meeting.Format.ONLINE
                        if k % 3 == 0
                        else Meeting.Format.IN_PERSON,
                    )
                )
        Meeting.objects.bulk_create(meeting_rows, batch_size=2000)
        now = timezone.now()
        attendance_rows = []
        for meeting in (
            Meeting.objects.filter(group__slug__startswith="bench-")
            .only("pk", "group_id", "starts_at")
            .iterator(chunk_size=2000)
        ):
            if meeting.starts_at > now:
                continue
            for user in group_members[meeting.group_id]:
                attendance_rows.append(
                    Attendance(
                        meeting_id=meeting.pk,
                        user=user,
                        status=Attendance.Status.PRESENT
                        if rng.random() < 0.9
                        else Attendance.Status.EXCUSED,
                        confirmed_at=meeting.starts_at,
                        confirmed_by_id=leaders[0].pk,
                    )
                )
            if len(attendance_rows) >= 10000:
                Attendance.objects.bulk_create(attendance_rows, batch_size=2000)
                attendance_rows = []
        Attendance.objects.bulk_create(attendance_rows, batch_size=2000)
        # One term VNR per group covering the whole period (test numbers).
        EventNumber.objects.bulk_create(
            [
                EventNumber(
                    group=group,
                    chamber=chamber,
                    points=3,
                    vnr=_vnr(n),
                    valid_from=start.date(),
                    valid_until=(
                        start + datetime.timedelta(days=7 * meetings_per_group)
                    ).date(),
                )
                for n, group in enumerate(group_rows)
            ],
            batch_size=500,
        )
        persons = _logged_in_world(
            rng, group_rows, leaders, group_members, chamber, password
        )
    return {
        **persons,
        "groups": BalintGroup.objects.count(),
        "people": User.objects.count(),
        "meetings": Meeting.objects.count(),
        "attendance": Attendance.objects.count(),
        "member_email": members[0].email,
        "leader_email": leaders[0].email,
        "group_slug": group_rows[0].slug,
        "meeting_pk": Meeting.objects.filter(group=group_rows[0], starts_at__lte=now)
        .order_by("-starts_at")
        .values_list("pk", flat=True)
        .first(),
    }


def _logged_in_world(
    rng: random.Random,
    group_rows: list[BalintGroup],
    leaders: list[User],
    group_members: dict[int, list[User]],
    chamber: Chamber,
    password: str,
) -> dict:
    """What the logged-in pages need: PERSONS members and leaders (one per
    group), a running online meeting in each of their groups, secretariat
    accounts, listed mentors and mentoring requests."""
    now = timezone.now()
    persons = group_rows[:PERSONS]
    online = Meeting.objects.bulk_create(
        Meeting(
            group=group,
            starts_at=now - datetime.timedelta(minutes=5),
            format=Meeting.Format.ONLINE,
        )
        for group in persons
    )
    secretariat = User.objects.bulk_create(
        User(
            email=f"sekretariat{n}@verein.example",
            first_name="Sekretariat",
            last_name=f"Nummer{n}",
            password=password,
            is_secretariat=True,
        )
        for n in range(SECRETARIAT)
    )
    topics = list(Topic.objects.all())
    profiles = MentorProfile.objects.bulk_create(
        MentorProfile(
            user=leader,
            biography="Leitet seit vielen Jahren Balintgruppen.",
            years_leading=5 + n % 20,
            region="TH",
            city=CITIES[n % len(CITIES)],
            mode=MentorProfile.Mode.BOTH,
            is_listed=True,
        )
        for n, leader in enumerate(leaders[-MENTORS:])
    )
    for profile in profiles:
        profile.topics.set(rng.sample(topics, min(2, len(topics))))
    MentoringRequest.objects.bulk_create(
        MentoringRequest(
            mentee=leader,
            mentor=profiles[n % len(profiles)].user,
            situation=MentoringRequest.Situation.NEW,
            message="Ich beginne meine erste Gruppe.",
        )
        for n, leader in enumerate(leaders[:PERSONS])
    )
    last_meeting = {}
    for group_id, pk in (
        Meeting.objects.filter(
            group__in=persons, starts_at__lt=now - datetime.timedelta(days=1)
        )
        .order_by("group_id", "starts_at")
        .values_list("group_id", "pk")
    ):
        last_meeting[group_id] = pk
    return {
        "persons": [
            {
                "member_email": group_members[group.pk][0].email,
                "leader_email": group.leader.email,
                "slug": group.slug,
                "meeting_pk": last_meeting[group.pk],
                "online_meeting_pk": meeting.pk,
                "mentor_pk": profiles[n % len(profiles)].pk,
            }
            for n, (group, meeting) in enumerate(zip(persons, online, strict=True))
        ],
        "secretariat_emails": [user.email for user in secretariat],
    }
