import datetime

import pytest

from balintkreis.core.errors import RuleError
from balintkreis.core.models import AuditEvent
from balintkreis.meetings.models import Attendance
from balintkreis.online import presence
from balintkreis.online.models import Presence, PresenceInterval
from balintkreis.online.presence import Kind

pytestmark = pytest.mark.django_db

SERVER = PresenceInterval.Source.SERVER


def at(meeting, minutes, seconds=0):
    return meeting.starts_at + datetime.timedelta(minutes=minutes, seconds=seconds)


def beat(meeting, user, minute, second=0, **kwargs):
    return presence.record(
        meeting,
        user=user,
        kind=kwargs.pop("kind", Kind.BEAT),
        now=at(meeting, minute, second),
        **kwargs,
    )


def attend(meeting, user, start, end, step=15):
    """Heartbeats every ``step`` seconds from minute ``start`` to ``end``."""
    for second in range(start * 60, end * 60 + 1, step):
        beat(meeting, user, 0, second)


def test_first_heartbeat_opens_presence(meeting, member):
    result = beat(meeting, member, 0, kind=Kind.JOINED, quality=90)
    assert result.first_joined_at == at(meeting, 0)
    assert result.rejoins == 0
    assert result.quality == 90
    assert result.intervals.count() == 1


def test_heartbeats_extend_one_stretch(meeting, member):
    attend(meeting, member, 0, 10)
    result = Presence.objects.get()
    assert result.intervals.count() == 1
    assert result.last_seen_at == at(meeting, 10)
    assert result.rejoins == 0


def test_same_beat_id_twice_changes_nothing(meeting, member):
    beat(meeting, member, 0)
    beat(meeting, member, 1, beat_id="b-1")
    beat(meeting, member, 5, beat_id="b-1")
    assert Presence.objects.get().last_seen_at == at(meeting, 1)


def test_leave_and_rejoin_counts_one_rejoin(meeting, member):
    beat(meeting, member, 0, kind=Kind.JOINED)
    attend(meeting, member, 0, 20)
    beat(meeting, member, 20, kind=Kind.LEFT)
    beat(meeting, member, 22, kind=Kind.JOINED)
    result = Presence.objects.get()
    assert result.rejoins == 1
    assert result.left_at is None
    assert list(result.intervals.values_list("ended_at", flat=True)) == [
        at(meeting, 20),
        None,
    ]


def test_silent_gap_ends_the_stretch_at_the_last_heartbeat(meeting, member):
    attend(meeting, member, 0, 10)
    beat(meeting, member, 20)  # ten minutes without heartbeats
    result = Presence.objects.get()
    assert result.rejoins == 1
    first = result.intervals.order_by("started_at").first()
    assert first.ended_at == at(meeting, 10)


def test_server_and_page_reporting_one_reconnect_count_it_once(meeting, member):
    beat(meeting, member, 0, kind=Kind.JOINED)
    beat(meeting, member, 0, 1, kind=Kind.JOINED, source=SERVER)
    attend(meeting, member, 0, 30)
    # A reconnect: both sources report leave and join, in mixed order.
    beat(meeting, member, 30, kind=Kind.LEFT, source=SERVER)
    beat(meeting, member, 30, 2, kind=Kind.LEFT)
    beat(meeting, member, 30, 20, kind=Kind.JOINED, source=SERVER)
    beat(meeting, member, 30, 25, kind=Kind.JOINED)
    result = Presence.objects.get()
    assert result.rejoins == 1
    assert result.intervals.count() == 2


def test_server_presence_needs_no_heartbeats(meeting, member):
    beat(meeting, member, 0, kind=Kind.JOINED, source=SERVER)
    result = Presence.objects.get()
    assert presence.status_of(result, now=at(meeting, 60)) == "connected"
    beat(meeting, member, 90, kind=Kind.LEFT, source=SERVER)
    result.refresh_from_db()
    seconds = presence.seconds_present(
        meeting, result, list(result.intervals.all()), now=at(meeting, 95)
    )
    assert seconds == 90 * 60


def test_status_shows_reconnecting_after_missed_heartbeats(meeting, member):
    result = beat(meeting, member, 0)
    assert presence.status_of(result, now=at(meeting, 0, 20)) == "connected"
    assert presence.status_of(result, now=at(meeting, 0, 60)) == "reconnecting"
    assert presence.status_of(result, now=at(meeting, 5)) == "left"


def test_presence_outside_the_window_is_refused(meeting, member):
    with pytest.raises(presence.PresenceClosed):
        beat(meeting, member, -30)
    with pytest.raises(presence.PresenceClosed):
        beat(meeting, member, 90 + 20)


def test_time_before_the_start_does_not_count(meeting, member):
    beat(meeting, member, -10, kind=Kind.JOINED, source=SERVER)
    beat(meeting, member, 30, kind=Kind.LEFT, source=SERVER)
    result = Presence.objects.get()
    seconds = presence.seconds_present(
        meeting, result, list(result.intervals.all()), now=at(meeting, 100)
    )
    assert seconds == 30 * 60


def test_proposal_present_only_when_complete(meeting, member, group):
    """R3: "present" means the whole meeting (default tolerance 0), not 80 %."""
    from balintkreis.groups.tests.factories import MembershipFactory

    late = MembershipFactory(group=group).user
    short = MembershipFactory(group=group).user
    absent = MembershipFactory(group=group).user
    beat(meeting, member, 0, kind=Kind.JOINED, source=SERVER)
    beat(meeting, member, 90, kind=Kind.LEFT, source=SERVER)
    beat(meeting, late, 30, kind=Kind.JOINED, source=SERVER)
    beat(meeting, late, 90, kind=Kind.LEFT, source=SERVER)
    beat(meeting, short, 0, kind=Kind.JOINED, source=SERVER)
    beat(meeting, short, 80, kind=Kind.LEFT, source=SERVER)  # 89 % of the time
    rows = {p.user: p for p in presence.proposals(meeting, now=at(meeting, 100))}
    assert rows[member].is_present
    assert rows[member].minutes == 90
    assert (rows[late].status, rows[late].minutes_missed) == ("late", 30)
    assert rows[late].minutes == 60
    assert (rows[short].status, rows[short].minutes_missed) == ("late", 10)
    assert rows[absent].status == "absent"
    assert rows[absent].minutes == 0


def test_proposal_uses_the_cme_tolerance(settings, meeting, member):
    settings.CME_TOLERANCE_MINUTES = 10
    beat(meeting, member, 10, kind=Kind.JOINED, source=SERVER)
    beat(meeting, member, 90, kind=Kind.LEFT, source=SERVER)
    [row] = presence.proposals(meeting, now=at(meeting, 100))
    assert row.is_present
    settings.CME_TOLERANCE_MINUTES = 9
    [row] = presence.proposals(meeting, now=at(meeting, 100))
    assert (row.status, row.minutes_missed) == ("late", 10)


def test_share_is_configurable(settings, meeting, member):
    settings.ONLINE_PRESENT_PERCENT = 50
    beat(meeting, member, 30, kind=Kind.JOINED, source=SERVER)
    beat(meeting, member, 90, kind=Kind.LEFT, source=SERVER)
    [row] = presence.proposals(meeting, now=at(meeting, 100))
    assert row.is_present


def test_adopting_a_partial_presence_records_late_that_does_not_count(
    meeting, member, leader
):
    beat(meeting, member, 20, kind=Kind.JOINED, source=SERVER)
    beat(meeting, member, 90, kind=Kind.LEFT, source=SERVER)
    presence.adopt_proposals(meeting, by=leader, now=at(meeting, 100))
    row = Attendance.objects.get(user=member)
    assert (row.status, row.minutes_missed) == ("late", 20)
    assert row.confirmed_at is not None
    assert not row.counts


def test_adopting_writes_confirmed_online_attendance(meeting, member, leader, group):
    from balintkreis.groups.tests.factories import MembershipFactory

    excused = MembershipFactory(group=group).user
    Attendance.objects.create(meeting=meeting, user=excused, status="excused")
    beat(meeting, member, 0, kind=Kind.JOINED, source=SERVER)
    beat(meeting, member, 90, kind=Kind.LEFT, source=SERVER)
    presence.adopt_proposals(meeting, by=leader, now=at(meeting, 100))
    row = Attendance.objects.get(user=member)
    assert row.status == Attendance.Status.PRESENT
    assert row.mode == "online"
    assert row.confirmed_by == leader
    assert row.joined_at == at(meeting, 0)
    assert row.counts
    assert Attendance.objects.get(user=excused).status == "excused"
    assert AuditEvent.objects.filter(action="meetings.attendance.confirmed").exists()


def test_adopting_before_the_end_is_refused(meeting, leader):
    with pytest.raises(RuleError):
        presence.adopt_proposals(meeting, by=leader, now=at(meeting, 60))


def test_touch_extends_only_a_current_stretch(meeting, member):
    beat(meeting, member, 0, kind=Kind.JOINED, quality=50)
    assert presence.touch(
        meeting.pk, user_id=member.pk, beat_id="t1", quality=None, now=at(meeting, 1)
    )
    result = Presence.objects.get()
    assert result.last_seen_at == at(meeting, 1)
    assert result.quality == 50
    assert not presence.touch(
        meeting.pk, user_id=member.pk, beat_id="t1", quality=70, now=at(meeting, 2)
    )
    assert not presence.touch(
        meeting.pk, user_id=member.pk, beat_id="t2", quality=70, now=at(meeting, 10)
    )
    beat(meeting, member, 2, kind=Kind.LEFT)
    assert not presence.touch(
        meeting.pk, user_id=member.pk, beat_id="t3", quality=70, now=at(meeting, 2, 5)
    )
    assert Presence.objects.get().last_seen_at == at(meeting, 2)
