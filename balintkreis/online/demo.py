"""Demo: an online group whose next meeting the demo member can join now.

Robust on its own: creates the group and people if the groups demo has not.
Invented people only (DOMAIN.md R13).
"""

import datetime
from typing import TextIO

from django.utils import timezone

from balintkreis.accounts.demo import LOGINS, ensure_user
from balintkreis.accounts.models import User
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.meetings.models import Attendance, Meeting
from balintkreis.online import presence as presence_rules
from balintkreis.online import reports, rooms
from balintkreis.online.models import Presence, PresenceInterval, TechCheck

# The groups demo's online group; created here if that demo is absent.
GROUP_SLUG = "online-thueringen"
MEMBERS = [
    ("demo.online1@demo.balintkreis.example", "Miriam", "Hoffmann", "Allgemeinmedizin"),
    ("demo.online2@demo.balintkreis.example", "Tobias", "Krüger", "Innere Medizin"),
    ("demo.online3@demo.balintkreis.example", "Selin", "Aydın", "Gynäkologie"),
    ("demo.online4@demo.balintkreis.example", "Johanna", "Weber", "Allgemeinmedizin"),
]


def _group(leader: User) -> BalintGroup:
    group, _created = BalintGroup.objects.get_or_create(
        slug=GROUP_SLUG,
        defaults={
            "title": "Online-Balintgruppe Thüringen",
            "format": BalintGroup.Format.ONLINE,
            "leader": leader,
            "rhythm": BalintGroup.Rhythm.WEEKLY,
            "weekday": BalintGroup.Weekday.MONDAY,
            "starts_at": datetime.time(20, 0),
            "capacity": 12,
            "audience": "Ärztinnen und Ärzte aller Fachrichtungen, Psychologinnen "
            "und Psychologen",
            "term_label": "Halbjahr",
            "description": "Geschlossene Online-Gruppe in Jitsi Meet.",
        },
    )
    if group.leader_id != leader.pk and group.co_leader_id is None:
        # The demo leader's log-in should show the leaders' online pages too.
        group.co_leader = leader
        group.save(update_fields=["co_leader"])
    return group


def _join(group: BalintGroup, person: User, start: datetime.date) -> None:
    if not Membership.objects.filter(
        group=group, user=person, ended_on__isnull=True
    ).exists():
        Membership.objects.create(group=group, user=person, started_on=start)


def _members(group: BalintGroup) -> list[User]:
    start = timezone.localdate() - datetime.timedelta(days=120)
    if not group.memberships.exists():
        for email, first, last, specialty in MEMBERS:
            person = ensure_user(
                email,
                first_name=first,
                last_name=last,
                specialty=specialty,
                profession=User.Profession.PHYSICIAN,
            )
            _join(group, person, start)
    demo_member = ensure_user(LOGINS[2][1], first_name="Jonas", last_name="Albrecht")
    _join(group, demo_member, start)
    return [m.user for m in group.memberships.filter(ended_on__isnull=True)]


def _presence(
    meeting: Meeting, person: User, *, late: int = 0, rejoin: bool = False
) -> None:
    """One person's presence from ``late`` minutes after the start to the end;
    a rejoin reconnects at once, so no minute is missed."""
    joined = meeting.starts_at + datetime.timedelta(minutes=late or -3)
    presence = Presence.objects.create(
        meeting=meeting,
        user=person,
        first_joined_at=joined,
        last_seen_at=meeting.ends_at,
        left_at=meeting.ends_at,
        rejoins=1 if rejoin else 0,
    )
    if rejoin:
        gap = meeting.starts_at + datetime.timedelta(minutes=40)
        PresenceInterval.objects.create(
            presence=presence, started_at=joined, ended_at=gap, source="page"
        )
        joined = gap
    PresenceInterval.objects.create(
        presence=presence, started_at=joined, ended_at=meeting.ends_at, source="page"
    )


def _presences(meeting: Meeting, people: list[User], shift: int) -> None:
    """Presence that agrees with the attendance sheet: where the sheet is
    confirmed, it follows the sheet; otherwise the leader adopts the online
    proposal, as after a real meeting."""
    rows = {a.user_id: a for a in meeting.attendances.all()}
    if rows:
        for index, person in enumerate(people):
            row = rows.get(person.pk)
            if row is None or row.status in (
                Attendance.Status.EXCUSED,
                Attendance.Status.ABSENT,
            ):
                continue
            _presence(
                meeting,
                person,
                late=(row.minutes_missed or 0) if row.status == "late" else 0,
                rejoin=(index + shift) % 4 == 1,
            )
        return
    for index, person in enumerate(people):
        if (index + shift) % 5 == 4:
            continue  # somebody was away
        _presence(
            meeting,
            person,
            late=10 if (index + shift) % 4 == 1 else 0,
            rejoin=(index + shift) % 3 == 2,
        )
    presence_rules.adopt_proposals(meeting, by=meeting.group.leader)


def _past_meetings(group: BalintGroup, now: datetime.datetime) -> list[Meeting]:
    past = list(
        Meeting.objects.filter(
            group=group, format=Meeting.Format.ONLINE, starts_at__lt=now
        ).order_by("-starts_at")[: reports.CHART_MEETINGS]
    )
    if past:
        return past
    return [
        Meeting.objects.create(
            group=group,
            starts_at=now - datetime.timedelta(weeks=weeks),
            format=Meeting.Format.ONLINE,
            place="Jitsi Meet",
        )
        for weeks in (6, 4, 2)
    ]


def load(*, stdout: TextIO) -> None:
    leader = ensure_user(
        LOGINS[1][1], first_name="Katharina", last_name="Wendler", title="Dr. med."
    )
    group = _group(leader)
    people = _members(group)
    rooms.room_for(group)
    now = timezone.now().replace(second=0, microsecond=0)
    if not Presence.objects.filter(meeting__group=group).exists():
        for shift, meeting in enumerate(_past_meetings(group, now)):
            _presences(meeting, people, shift)
    joinable = Meeting.objects.filter(
        group=group,
        format=Meeting.Format.ONLINE,
        is_cancelled=False,
        starts_at__gte=now - datetime.timedelta(minutes=60),
        starts_at__lte=now + datetime.timedelta(minutes=15),
    )
    if not joinable.exists():
        # Starts in ten minutes: the room is open right away for the demo.
        Meeting.objects.create(
            group=group,
            starts_at=now + datetime.timedelta(minutes=10),
            format=Meeting.Format.ONLINE,
            place="Jitsi Meet",
        )
    for person in people[1:3]:
        TechCheck.objects.get_or_create(
            user=person,
            defaults={
                "browser": "Google Chrome",
                "is_recommended_browser": True,
                "has_camera": True,
                "has_microphone": True,
                "latency_ms": 38,
                "download_mbps": 48.0,
                "upload_mbps": 9.5,
                "verdict": TechCheck.Verdict.GOOD,
                "checked_at": now - datetime.timedelta(days=3),
            },
        )
    stdout.write(f"Online group: /online/gruppen/{group.slug}/")
