"""The adviser's rules without a database: groups are unsaved model rows."""

import datetime

import pytest

from balintkreis.adviser import advice, goals
from balintkreis.adviser.advice import (
    Answers,
    Goal,
    Mode,
    Pace,
    PlannedDate,
    Profession,
    Specialty,
)
from balintkreis.groups.models import BalintGroup

TODAY = datetime.date(2026, 12, 2)
BIWEEKLY = Pace(per_month=26 / 12, from_dates=False)


def group(title: str = "Gruppe", free_places: int = 4, **fields: object) -> BalintGroup:
    # Unsaved rows: a distinct pk per title, for own_series.
    fields.setdefault("pk", sum(map(ord, title)))
    values: dict[str, object] = {
        "title": title,
        "slug": title.lower().replace(" ", "-"),
        "format": BalintGroup.Format.IN_PERSON,
        "city": "Jena",
        "rhythm": BalintGroup.Rhythm.BIWEEKLY,
        "weekday": BalintGroup.Weekday.WEDNESDAY,
        "sessions_per_date": 1,
        "points_per_session": 3,
        "counts_for_psgv": True,
        "counts_for_specialist_training": True,
    }
    values.update(fields)
    row = BalintGroup(**values)
    row.free_places = free_places
    return row


def answers(**fields: object) -> Answers:
    values: dict[str, object] = {
        "profession": Profession.PHYSICIAN,
        "goal": Goal.PSGV,
        "specialty": Specialty.GENERAL_PRACTICE,
    }
    values.update(fields)
    return Answers(**values)  # type: ignore[arg-type]


def run(given: Answers, *groups: BalintGroup, state: str = "TH") -> advice.Advice:
    return advice.advise(
        given,
        goals.requirement_for(given),
        [(g, state, BIWEEKLY) for g in groups],
        today=TODAY,
    )


def every(days: int, count: int, *, online: set[int] = frozenset(), ds: int = 1):
    return [
        PlannedDate(
            on=TODAY + datetime.timedelta(days=3 + i * days),
            double_sessions=ds,
            is_online=i in online,
        )
        for i in range(count)
    ]


# Pace ---------------------------------------------------------------------


def test_pace_from_biweekly_dates_is_26_a_year():
    pace = advice.pace_of(group(), every(14, 10), today=TODAY)
    assert pace.from_dates
    assert pace.per_month == pytest.approx(advice.MONTH_DAYS / 14)


def test_pace_counts_double_sessions_of_block_saturdays():
    block = group(rhythm=BalintGroup.Rhythm.BLOCK, sessions_per_date=3)
    pace = advice.pace_of(block, every(28, 6, ds=3), today=TODAY)
    assert pace.per_month == pytest.approx(3 * advice.MONTH_DAYS / 28)
    assert pace.per_date == 3


def test_pace_falls_back_to_the_rhythm_with_one_planned_date():
    pace = advice.pace_of(
        group(rhythm=BalintGroup.Rhythm.MONTHLY), every(14, 1), today=TODAY
    )
    assert not pace.from_dates
    assert pace.per_month == 1.0


def test_pace_ignores_dates_beyond_a_year_and_in_the_past():
    far = [
        PlannedDate(TODAY - datetime.timedelta(days=10), 1, False),
        *every(7, 2),
        PlannedDate(TODAY + datetime.timedelta(days=500), 1, False),
    ]
    pace = advice.pace_of(group(), far, today=TODAY)
    assert pace.per_month == pytest.approx(advice.MONTH_DAYS / 7)


def test_a_newcomer_joins_on_the_next_entry_date():
    dates = every(14, 10, online={0})
    pace = advice.pace_of(group(), dates, today=TODAY)
    assert pace.joins_on == dates[0].on
    assert pace.first_is_online
    entry = dates[2].on
    pace = advice.pace_of(
        group(),
        dates,
        today=TODAY,
        entry_dates=[TODAY - datetime.timedelta(days=30), entry],
    )
    assert pace.joins_on == entry
    assert not pace.first_is_online


def test_the_goal_is_reached_months_after_joining():
    late = Pace(per_month=26 / 12, from_dates=True, joins_on=datetime.date(2027, 3, 3))
    soon = Pace(per_month=26 / 12, from_dates=True, joins_on=datetime.date(2027, 1, 6))
    given = answers()
    result = advice.advise(
        given,
        goals.requirement_for(given),
        [(group("Spät"), "TH", late), (group("Bald"), "TH", soon)],
        today=TODAY,
    )
    assert [m.group.title for m in result.matches] == ["Bald", "Spät"]
    assert result.matches[0].reached_on == datetime.date(2027, 8, 6)


def test_pace_knows_the_online_share_and_an_online_first_date():
    pace = advice.pace_of(group(), every(14, 4, online={0, 1, 2}), today=TODAY)
    assert pace.online_percent == 75
    assert pace.first_is_online


# Duration -----------------------------------------------------------------


def test_fifteen_biweekly_sessions_take_seven_months():
    # 14 intervals of two weeks after the first date.
    assert advice.months_for(15, BIWEEKLY) == 7


def test_psgv_never_takes_less_than_its_six_month_span():
    weekly = Pace(per_month=52 / 12, from_dates=False)
    assert advice.months_for(15, weekly) == 4
    assert advice.months_for(15, weekly, min_span_days=182) == 6


def test_block_saturdays_count_the_first_date_fully():
    blocks = Pace(per_month=3.0, from_dates=True, per_date=3)
    assert advice.months_for(15, blocks) == 4


def test_nothing_left_takes_no_time_and_no_pace_no_number():
    assert advice.months_for(0, BIWEEKLY) == 0
    assert advice.months_for(5, Pace(per_month=0, from_dates=False)) is None


# PSGV -----------------------------------------------------------------------


def test_psgv_leaves_out_purely_online_groups_and_says_why():
    result = run(
        answers(),
        group("Präsenz"),
        group("Hybrid", format=BalintGroup.Format.HYBRID),
        group("Nur online", format=BalintGroup.Format.ONLINE, city=""),
    )
    assert [m.group.title for m in result.matches] == ["Hybrid", "Präsenz"]
    assert result.online_only_left_out == 1
    assert any(
        "Reine Online-Gruppen reichen für die PSGV" in t for t in result.explanations
    )


def test_psgv_online_only_wish_still_gets_hybrid_groups():
    result = run(
        answers(mode=Mode.ONLINE),
        group("Präsenz"),
        group("Hybrid", format=BalintGroup.Format.HYBRID),
        group("Nur online", format=BalintGroup.Format.ONLINE, city=""),
    )
    assert [m.group.title for m in result.matches] == ["Hybrid"]
    assert any(
        "Am nächsten kommt dem eine hybride Gruppe" in t for t in result.explanations
    )


def test_psgv_warns_when_a_hybrid_group_plans_mostly_online():
    hybrid = group("Hybrid", format=BalintGroup.Format.HYBRID)
    pace = advice.pace_of(hybrid, every(14, 4, online={0, 1, 2}), today=TODAY)
    given = answers()
    result = advice.advise(
        given, goals.requirement_for(given), [(hybrid, "TH", pace)], today=TODAY
    )
    notes = " ".join(result.matches[0].notes)
    assert "75 % der geplanten Doppelsitzungen finden online statt" in notes
    assert "erster gezählter Termin muss in Präsenz sein" in notes


def test_psgv_completed_sessions_count_only_in_their_own_series():
    result = run(answers(completed=6), group())
    assert result.remaining == 9
    # A new group starts a new series: all 15, at least 6 months.
    assert result.remaining_in_new_group == 15
    assert result.matches[0].months == 7
    assert any("Dort fehlen Ihnen noch 9" in t for t in result.explanations)


def test_psgv_with_the_number_done_says_what_decides_then():
    result = run(answers(completed=15), group())
    assert result.remaining == 0
    text = " ".join(result.explanations)
    assert "Mit 15 Doppelsitzungen in einer Serie haben Sie die Zahl" in text
    assert "fehlen Ihnen noch" not in text


def test_psgv_continues_a_running_series_in_the_persons_own_group():
    mine, other = group("Meine", free_places=0), group("Andere")
    given = answers(completed=9)
    result = advice.advise(
        given,
        goals.requirement_for(given),
        [(mine, "TH", BIWEEKLY), (other, "TH", BIWEEKLY)],
        today=TODAY,
        own_series={
            mine.pk: advice.OwnSeries(
                double_sessions=9, first_on=TODAY - datetime.timedelta(days=120)
            )
        },
    )
    # Kept although full: the person is in it. 6 more every two weeks take
    # 3 months, and the 182-day span ends within them.
    assert [m.group.title for m in result.matches] == ["Meine", "Andere"]
    own = result.matches[0]
    assert own.months == 3
    assert "Hier fehlen Ihnen noch 6" in own.notes[0]
    assert result.matches[1].months == 7


def test_a_series_with_enough_sessions_still_waits_for_its_span():
    mine = group("Meine")
    given = answers(completed=15)
    result = advice.advise(
        given,
        goals.requirement_for(given),
        [(mine, "TH", BIWEEKLY)],
        today=TODAY,
        own_series={
            mine.pk: advice.OwnSeries(
                double_sessions=15, first_on=TODAY - datetime.timedelta(days=100)
            )
        },
    )
    assert result.matches[0].months == 3


def test_psgv_excludes_groups_not_recognised_for_it():
    result = run(answers(), group("Anerkannt"), group("Nicht", counts_for_psgv=False))
    assert [m.group.title for m in result.matches] == ["Anerkannt"]


def test_psgv_in_general_practice_is_part_of_the_specialist_training():
    result = run(answers())
    assert any("Der 80-Stunden-Kurs PSGV" in t for t in result.explanations)


# Specialist trainings ------------------------------------------------------------


def test_gynaecology_needs_fifteen_with_a_caveat():
    requirement = goals.requirement_for(
        answers(goal=Goal.SPECIALIST, specialty=Specialty.GYNAECOLOGY)
    )
    assert requirement is not None
    assert requirement.double_sessions == 15
    assert not requirement.confirmed
    assert "Bitte bei Ihrer Kammer prüfen." in requirement.lines


def test_psychiatry_number_is_marked_unconfirmed():
    requirement = goals.requirement_for(
        answers(goal=Goal.SPECIALIST, specialty=Specialty.PSYCHIATRY)
    )
    assert requirement is not None
    assert not requirement.confirmed


def test_specialist_goal_without_online_rule_keeps_online_groups():
    result = run(
        answers(goal=Goal.SPECIALIST, specialty=Specialty.PSYCHIATRY, completed=5),
        group("Online", format=BalintGroup.Format.ONLINE, city=""),
        group("Nicht anerkannt", counts_for_specialist_training=False),
    )
    assert [m.group.title for m in result.matches] == ["Online"]
    assert result.remaining == 30
    assert result.remaining_in_new_group == 30


def test_gynaecology_follows_the_psgv_rules_of_its_course():
    result = run(
        answers(goal=Goal.SPECIALIST, specialty=Specialty.GYNAECOLOGY, completed=4),
        group("Online", format=BalintGroup.Format.ONLINE, city=""),
        group("Hybrid", format=BalintGroup.Format.HYBRID),
    )
    assert [m.group.title for m in result.matches] == ["Hybrid"]
    assert result.online_only_left_out == 1
    assert result.remaining == 11
    text = " ".join(result.explanations)
    assert "Teil der Facharzt-Weiterbildung in Ihrem Fach" in text


def test_other_specialty_gets_one_chambers_rule_with_a_caveat():
    given = answers(goal=Goal.SPECIALIST, specialty=Specialty.INTERNAL)
    elsewhere = goals.requirement_for(given, chamber="LÄKTh")
    assert elsewhere is not None
    assert elsewhere.double_sessions == 10
    assert not elsewhere.confirmed
    assert any("für Ihre kennen wir keine Zahl" in line for line in elsewhere.lines)


def test_psgv_names_the_kv_rule_too():
    requirement = goals.requirement_for(answers())
    assert requirement is not None
    assert any("KV" in line and "3 Monate" in line for line in requirement.lines)
    assert any(line == "Bitte bei Ihrer Kammer prüfen." for line in requirement.lines)


# Leader training -------------------------------------------------------------


def test_leader_training_counts_done_sessions_toward_the_35_before():
    result = run(
        answers(goal=Goal.LEADER, specialty=Specialty.PSYCHIATRY, completed=20)
    )
    assert result.remaining == 15 + 70
    result = run(answers(goal=Goal.LEADER, completed=50))
    # More than 35 before the training do not replace the 70 during it.
    assert result.remaining == 70


def test_leader_training_duration_at_the_group_pace():
    result = run(answers(goal=Goal.LEADER, completed=35), group())
    assert result.matches[0].months == advice.months_for(70, BIWEEKLY)
    assert result.matches[0].before_training == 0
    result = run(answers(goal=Goal.LEADER, completed=20), group())
    assert result.matches[0].before_training == 15
    assert result.matches[0].months_before_training == 7


def test_psychiatrist_in_training_learns_when_the_training_can_start():
    result = run(
        answers(goal=Goal.LEADER, specialty=Specialty.PSYCHIATRY, in_training=True)
    )
    text = " ".join(result.explanations)
    assert "Ihr Facharzt für Psychiatrie" in text
    assert "noch in der Weiterbildung" in text


# Psychologists ---------------------------------------------------------------


@pytest.mark.parametrize("goal", [Goal.PSGV, Goal.SPECIALIST, Goal.PSYCHOTHERAPY])
def test_psychotherapists_learn_what_counts_for_them(goal):
    result = run(answers(profession=Profession.PSYCHOTHERAPIST, goal=goal), group())
    assert result.requirement is None
    text = " ".join(result.explanations)
    assert "Qualifikationen für Ärztinnen und Ärzte" in text
    assert "2 Punkte je Doppelsitzung" in text
    assert "105 Doppelsitzungen" in text
    assert result.cme_points_per_double_session == 2
    assert result.matches[0].months is None


def test_psychotherapists_are_not_held_to_physicians_recognition():
    result = run(
        answers(profession=Profession.PSYCHOTHERAPIST, goal=Goal.PSGV),
        group("Nicht PSGV", counts_for_psgv=False),
    )
    assert [m.group.title for m in result.matches] == ["Nicht PSGV"]


def test_psychotherapists_on_the_leader_route_need_the_same_105():
    result = run(answers(profession=Profession.CHILD_PSYCHOTHERAPIST, goal=Goal.LEADER))
    assert result.requirement is not None
    assert result.requirement.double_sessions == 105
    assert any("TP/PA" in t for t in result.explanations)


# CME -----------------------------------------------------------------------


def test_cme_uses_the_groups_points_for_physicians():
    result = run(answers(goal=Goal.CME), group(points_per_session=3))
    assert result.requirement is None
    assert result.cme_points_per_double_session == 3
    assert result.matches[0].cme_points_per_year == 26 * 3


def test_cme_for_psychotherapists_is_one_point_per_unit():
    result = run(
        answers(profession=Profession.PSYCHOTHERAPIST, goal=Goal.CME),
        group(points_per_session=3),
    )
    assert result.matches[0].cme_points_per_year == 26 * 2


# Place, format, weekday, places ---------------------------------------------------


def test_groups_without_free_places_are_left_out():
    result = run(answers(goal=Goal.CME), group("Voll", free_places=0), group("Frei"))
    assert [m.group.title for m in result.matches] == ["Frei"]


def test_region_keeps_groups_of_the_state_and_online_groups():
    given = answers(goal=Goal.CME, region="BY")
    result = advice.advise(
        given,
        None,
        [
            (group("Thüringen"), "TH", BIWEEKLY),
            (group("Bayern", city="München"), "BY", BIWEEKLY),
            (group("Unbekannt", city="Irgendwo"), "", BIWEEKLY),
            (group("Online", format=BalintGroup.Format.ONLINE, city=""), "", BIWEEKLY),
        ],
        today=TODAY,
    )
    assert [m.group.title for m in result.matches] == ["Online", "Bayern"]


def test_city_comes_first_and_ignores_case_and_spaces():
    result = run(
        answers(goal=Goal.CME, city="  erfurt ", region="TH"),
        group("A Jena"),
        group("B Erfurt", city="Erfurt"),
    )
    assert [m.group.title for m in result.matches] == ["B Erfurt", "A Jena"]
    assert result.matches[0].is_nearby


def test_city_without_region_keeps_only_that_city_and_online():
    result = run(
        answers(goal=Goal.CME, city="Erfurt"),
        group("Jena"),
        group("Erfurt", city="Erfurt"),
    )
    assert [m.group.title for m in result.matches] == ["Erfurt"]


def test_in_person_wish_excludes_online_groups_and_online_wish_in_person_ones():
    groups = (
        group("Präsenz"),
        group("Hybrid", format=BalintGroup.Format.HYBRID),
        group("Online", format=BalintGroup.Format.ONLINE, city=""),
    )
    in_person = run(answers(goal=Goal.CME, mode=Mode.IN_PERSON), *groups)
    online = run(answers(goal=Goal.CME, mode=Mode.ONLINE), *groups)
    assert {m.group.title for m in in_person.matches} == {"Präsenz", "Hybrid"}
    assert {m.group.title for m in online.matches} == {"Hybrid", "Online"}


def test_weekdays_filter_but_blocks_without_weekday_fit():
    result = run(
        answers(goal=Goal.CME, weekdays=frozenset({BalintGroup.Weekday.MONDAY})),
        group("Mittwoch"),
        group("Block", weekday=None, rhythm=BalintGroup.Rhythm.BLOCK),
    )
    assert [m.group.title for m in result.matches] == ["Block"]


def test_faster_groups_come_first():
    slow, fast = group("Langsam"), group("Schnell")
    given = answers()
    result = advice.advise(
        given,
        goals.requirement_for(given),
        [
            (slow, "TH", Pace(per_month=1.0, from_dates=False)),
            (fast, "TH", Pace(per_month=52 / 12, from_dates=False)),
        ],
        today=TODAY,
    )
    assert [m.group.title for m in result.matches] == ["Schnell", "Langsam"]
