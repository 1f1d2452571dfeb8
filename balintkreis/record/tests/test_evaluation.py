"""The rules of record/evaluation.py with the edge cases of DOMAIN.md 5, 6, R6."""

import datetime

import pytest
from django.utils import translation

from balintkreis.record import evaluation, targets
from balintkreis.record.evaluation import Session

START = datetime.date(2025, 1, 6)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def fortnightly(
    count: int,
    *,
    group: str = "A",
    leader: str = "L1",
    online: set[int] = frozenset(),
    start: datetime.date = START,
    every_days: int = 14,
    confirmed: bool = True,
) -> list[Session]:
    return [
        Session(
            on=start + datetime.timedelta(days=every_days * i),
            double_sessions=1,
            online=i in online,
            group_key=group,
            group_title=f"Gruppe {group}",
            leader_key=leader,
            leader_name=f"Leitung {leader}",
            confirmed=confirmed,
        )
        for i in range(count)
    ]


def psgv():
    return targets.get(targets.PSGV)


def test_fifteen_in_person_over_seven_months_reach_psgv():
    result = evaluation.evaluate(psgv(), fortnightly(15))
    assert result.credited == 15
    assert result.reached
    assert result.missing == []
    assert len(result.series.sessions) == 15


def test_crash_course_misses_the_span():
    result = evaluation.evaluate(psgv(), fortnightly(15, every_days=1))
    assert result.credited == 15
    assert not result.reached
    assert any("last in-person session on or after" in m for m in result.missing)


def test_kv_variant_accepts_three_months():
    sessions = fortnightly(15, every_days=7)  # 98 days
    assert not evaluation.evaluate(psgv(), sessions).reached
    assert evaluation.evaluate(targets.get(targets.PSGV_KV), sessions).reached


def test_change_of_leader_breaks_the_series():
    before = fortnightly(8, leader="L1")
    after = fortnightly(
        9, leader="L2", start=before[-1].on + datetime.timedelta(days=14)
    )
    result = evaluation.evaluate(psgv(), before + after)
    # The longer series under the new leader is the valid one; the 8 before
    # the change do not add to it.
    assert result.credited == 9
    assert result.series.leader_name == "Leitung L2"
    assert not result.reached
    assert any("another series" in w for w in result.warnings)


def test_leader_changing_back_does_not_reunite_the_series():
    first = fortnightly(6, leader="L1")
    middle = fortnightly(
        2, leader="L2", start=first[-1].on + datetime.timedelta(days=14)
    )
    last = fortnightly(
        6, leader="L1", start=middle[-1].on + datetime.timedelta(days=14)
    )
    result = evaluation.evaluate(psgv(), first + middle + last)
    assert result.credited == 6


def test_other_group_does_not_add_even_with_the_same_leader():
    a = fortnightly(10, group="A", leader="L1")
    b = fortnightly(10, group="B", leader="L1", start=START + datetime.timedelta(7))
    result = evaluation.evaluate(psgv(), a + b)
    assert result.credited == 10
    assert len(result.other_series) == 1


def test_online_share_is_capped_within_the_series():
    # 15 dates, 9 online in the middle: only 7 online count (50 % of 15).
    result = evaluation.evaluate(psgv(), fortnightly(15, online=set(range(3, 12))))
    assert result.series.online == 7
    assert result.credited == 13
    assert not result.reached
    assert any("beyond the share" in w for w in result.warnings)


def test_online_share_is_not_pooled_across_groups():
    # Group A: 7 of 15 online (fine). Group B: all online. B's online dates
    # neither spoil nor help A's series.
    a = fortnightly(15, group="A", online=set(range(1, 8)))
    b = fortnightly(8, group="B", leader="L2", online=set(range(8)))
    result = evaluation.evaluate(psgv(), a + b)
    assert result.series.group_title == "Gruppe A"
    assert result.series.online == 7
    assert result.reached
    other = result.other_series[0]
    assert other.sessions == []
    assert all("in-person" in reason for _session, reason in other.left_out)


def test_first_and_last_session_must_be_in_person():
    sessions = fortnightly(17, online={0, 16})
    result = evaluation.evaluate(psgv(), sessions)
    assert result.series.sessions[0].on == sessions[1].on
    assert result.series.sessions[-1].on == sessions[15].on
    assert result.credited == 15
    reasons = [reason for _s, reason in result.series.left_out]
    assert any("before the first in-person" in r for r in reasons)
    assert any("after the last in-person" in r for r in reasons)


def test_last_session_online_leaves_the_target_open():
    result = evaluation.evaluate(psgv(), fortnightly(15, online={14}))
    assert result.credited == 14
    assert not result.reached


def test_online_longer_than_ninety_minutes_does_not_count():
    sessions = fortnightly(15)
    long_online = Session(
        on=sessions[5].on + datetime.timedelta(days=1),
        double_sessions=1,
        online=True,
        group_key="A",
        group_title="Gruppe A",
        leader_key="L1",
        leader_name="Leitung L1",
        minutes_per_double_session=120,
    )
    result = evaluation.evaluate(psgv(), [*sessions, long_online])
    assert result.series.online == 0
    assert any("longer than 90 minutes" in w for w in result.warnings)


def test_self_reported_sessions_count_but_keep_the_target_open():
    result = evaluation.evaluate(psgv(), fortnightly(15, confirmed=False))
    assert result.credited == 15
    assert result.pending == 15
    assert not result.reached


def test_outside_certificate_forms_its_own_series():
    certificate = Session(
        on=START,
        last_on=START + datetime.timedelta(days=200),
        double_sessions=15,
        group_key="outside-x",
        group_title="Balintgruppe Erfurt",
        leader_key="outside-dr x",
        leader_name="Dr. X",
        confirmed=True,
        is_platform=False,
    )
    result = evaluation.evaluate(psgv(), [certificate, *fortnightly(4)])
    assert result.reached
    assert result.series.group_title == "Balintgruppe Erfurt"


def test_psychiatry_sums_across_groups_and_kinds():
    target = targets.get(targets.FACHARZT_PSYCHIATRIE)
    sessions = fortnightly(20, group="A") + fortnightly(10, group="B", leader="L2")
    result = evaluation.evaluate(target, sessions)
    assert result.credited == 30
    assert result.missing == ["5 more double sessions"]
    assert not target.confirmed


def leader_session(
    on: datetime.date, ds: int, kind: str = targets.GROUP, *, confirmed: bool = True
) -> Session:
    return Session(on=on, double_sessions=ds, kind=kind, confirmed=confirmed)


def dbg():
    return targets.get(targets.DBG_LEADER)


def test_leader_training_splits_at_the_start_date():
    start = datetime.date(2025, 1, 1)
    sessions = [
        leader_session(datetime.date(2024, 6, 1), 40),
        leader_session(datetime.date(2025, 3, 1), 60),
        leader_session(datetime.date(2025, 4, 1), 5, targets.STUDY_CONFERENCE),
    ]
    result = evaluation.evaluate(dbg(), sessions, training_started_on=start)
    assert (result.before, result.during) == (40, 65)
    # 5 more before the start do not replace the 5 missing during it.
    assert result.credited == 35 + 65
    assert "5 more double sessions during the training" in result.missing
    assert any("do not replace" in w for w in result.warnings)


def test_a_session_on_the_start_date_counts_during_the_training():
    start = datetime.date(2025, 1, 1)
    sessions = [
        leader_session(start - datetime.timedelta(days=1), 1),
        leader_session(start, 1),
    ]
    result = evaluation.evaluate(dbg(), sessions, training_started_on=start)
    assert (result.before, result.during) == (1, 1)


def test_more_during_the_training_does_not_replace_missing_before():
    start = datetime.date(2025, 1, 1)
    sessions = [
        leader_session(datetime.date(2024, 6, 1), 20),
        leader_session(datetime.date(2025, 3, 1), 90),
    ]
    result = evaluation.evaluate(dbg(), sessions, training_started_on=start)
    assert (result.before, result.during) == (20, 90)
    assert result.credited == 20 + 70
    assert "15 more double sessions before the start of the training" in (
        result.missing
    )
    assert not result.reached


def test_leader_seminars_are_not_participation():
    start = datetime.date(2025, 1, 1)
    sessions = [
        leader_session(datetime.date(2025, 2, 1), 30, targets.LEADER_SEMINAR),
        leader_session(datetime.date(2025, 3, 1), 10, targets.SUPERVISED_LEADING),
    ]
    result = evaluation.evaluate(dbg(), sessions, training_started_on=start)
    assert (result.before, result.during) == (0, 0)
    assert result.credited == 0


def test_leader_training_without_start_date_counts_all_before():
    sessions = [leader_session(datetime.date(2025, 3, 1), 50)]
    result = evaluation.evaluate(dbg(), sessions)
    assert (result.before, result.during) == (50, 0)
    assert result.credited == 35
    assert any("start date of your leader training" in m for m in result.missing)


def test_leader_training_complete():
    start = datetime.date(2025, 1, 1)
    sessions = [
        leader_session(datetime.date(2024, 6, 1), 35),
        leader_session(datetime.date(2025, 3, 1), 70, targets.LARGE_GROUP),
        *[
            leader_session(datetime.date(2025, m, 10), 5, targets.LEADER_SEMINAR)
            for m in range(1, 7)
        ],
        leader_session(datetime.date(2025, 9, 1), 10, targets.SUPERVISED_LEADING),
    ]
    result = evaluation.evaluate(dbg(), sessions, training_started_on=start)
    assert result.seminars == 6
    assert result.seminar_double_sessions == 30
    assert result.supervised_leading
    assert result.missing == []
    assert result.reached
    assert result.percent == 100


def test_leader_seminars_need_count_and_double_sessions():
    sessions = [
        leader_session(datetime.date(2025, 1, 10), 10, targets.LEADER_SEMINAR),
        leader_session(datetime.date(2025, 2, 10), 10, targets.LEADER_SEMINAR),
        leader_session(datetime.date(2025, 3, 10), 10, targets.LEADER_SEMINAR),
    ]
    result = evaluation.evaluate(
        dbg(), sessions, training_started_on=datetime.date(2025, 1, 1)
    )
    assert result.seminar_double_sessions == 30
    assert "3 more leader seminars" in result.missing


def test_not_counting_reasons_follow_the_target():
    psgv_reasons = " ".join(evaluation.not_counting_reasons(psgv()))
    assert "another leader" in psgv_reasons
    assert "7 double sessions" in psgv_reasons
    dbg_reasons = " ".join(evaluation.not_counting_reasons(dbg()))
    assert "another leader" not in dbg_reasons
    assert "35" in dbg_reasons
