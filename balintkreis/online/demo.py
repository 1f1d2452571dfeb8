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
from balintkreis.meetings.models import Meeting
from balintkreis.online import rooms
from balintkreis.online.models import Presence, PresenceInterval, TechCheck

GROUP_SLUG = "online-balintgruppe-thueringen"
MEMBERS = [
    ("demo.online1@demo.balintkreis.example", "Miriam", "Hoffmann", "Allgemeinmedizin"),
    ("demo.online2@demo.balintkreis.example", "Tobias", "Krüger", "Innere Medizin"),
    ("demo.online3@demo.balintkreis.example", "Selin", "Aydın", "Gynäkologie"),
    ("demo.online4@demo.balintkreis.example", "Johanna", "Weber", "Allgemeinmedizin"),
]


def _group() -> BalintGroup:
    leader = ensure_user(
        LOGINS[1][1], first_name="Katharina", last_name="Wendler", title="Dr. med."
    )
    group, _created = BalintGroup.objects.get_or_create(
        slug=GROUP_SLUG,
        defaults={
            "title": "Online-Balintgruppe Thüringen",
            "format": BalintGroup.Format.ONLINE,
            "leader": leader,
            "rhythm": BalintGroup.Rhythm.BIWEEKLY,
            "weekday": BalintGroup.Weekday.TUESDAY,
            "starts_at": datetime.time(19, 0),
            "capacity": 10,
            "description": (
                "Geschlossene Online-Gruppe in Jitsi Meet, alle zwei Wochen "
                "dienstags. Erste und letzte Sitzung einer Reihe in Präsenz in Jena."
            ),
        },
    )
    return group


def _members(group: BalintGroup) -> list[User]:
    people = [ensure_user(LOGINS[2][1], first_name="Jonas", last_name="Albrecht")]
    for email, first, last, specialty in MEMBERS:
        people.append(
            ensure_user(
                email,
                first_name=first,
                last_name=last,
                specialty=specialty,
                profession=User.Profession.PHYSICIAN,
            )
        )
    start = timezone.localdate() - datetime.timedelta(days=120)
    for person in people:
        if not Membership.objects.filter(
            group=group, user=person, ended_on__isnull=True
        ).exists():
            Membership.objects.create(group=group, user=person, started_on=start)
    return people


def _past_meeting(
    group: BalintGroup, starts_at: datetime.datetime, people: list[User], shift: int
) -> None:
    meeting, created = Meeting.objects.get_or_create(
        group=group,
        starts_at=starts_at,
        defaults={"format": Meeting.Format.ONLINE, "place": "Jitsi Meet"},
    )
    if not created:
        return
    for index, person in enumerate(people):
        if (index + shift) % 5 == 4:
            continue  # somebody was away
        joined = starts_at - datetime.timedelta(minutes=3)
        leaves_early = (index + shift) % 4 == 1
        presence = Presence.objects.create(
            meeting=meeting,
            user=person,
            first_joined_at=joined,
            last_seen_at=meeting.ends_at,
            left_at=meeting.ends_at,
            rejoins=1 if leaves_early else 0,
        )
        if leaves_early:
            gap = starts_at + datetime.timedelta(minutes=40)
            PresenceInterval.objects.create(
                presence=presence, started_at=joined, ended_at=gap, source="page"
            )
            joined = gap + datetime.timedelta(minutes=2)
        PresenceInterval.objects.create(
            presence=presence,
            started_at=joined,
            ended_at=meeting.ends_at,
            source="page",
        )


def load(*, stdout: TextIO) -> None:
    group = _group()
    people = _members(group)
    rooms.room_for(group)
    now = timezone.now().replace(second=0, microsecond=0)
    for weeks in (6, 4, 2):
        _past_meeting(group, now - datetime.timedelta(weeks=weeks), people, weeks)
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
    Meeting.objects.get_or_create(
        group=group,
        starts_at=(now + datetime.timedelta(days=14)).replace(hour=18, minute=0),
        defaults={"format": Meeting.Format.ONLINE, "place": "Jitsi Meet"},
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
