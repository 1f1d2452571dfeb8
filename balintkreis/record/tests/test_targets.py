import datetime

from django.test import override_settings
from django.utils import translation

from balintkreis.record import targets


def test_psgv_defaults_follow_the_settings():
    psgv = targets.get(targets.PSGV)
    assert psgv.double_sessions == 15
    assert psgv.max_online == 7
    assert psgv.first_last_in_person
    assert psgv.one_group_one_leader
    assert psgv.span_ok(datetime.date(2026, 1, 1), datetime.date(2026, 7, 2))
    assert not psgv.span_ok(datetime.date(2026, 1, 1), datetime.date(2026, 6, 30))


def test_kv_variant_counts_calendar_months():
    kv = targets.get(targets.PSGV_KV)
    assert kv.span_ok(datetime.date(2026, 1, 31), datetime.date(2026, 4, 30))
    assert not kv.span_ok(datetime.date(2026, 1, 31), datetime.date(2026, 4, 29))


def test_unconfirmed_values_say_so():
    psychiatry = targets.get(targets.FACHARZT_PSYCHIATRIE)
    assert psychiatry.double_sessions == 35
    assert not psychiatry.confirmed
    with translation.override("de"):
        text = " ".join(targets.requirements_text(psychiatry))
    assert "bei Ihrer Kammer" in text


def test_leader_training_split():
    dbg = targets.get(targets.DBG_LEADER)
    assert (dbg.double_sessions, dbg.before_training, dbg.during_training) == (
        105,
        35,
        70,
    )
    assert (dbg.leader_seminars, dbg.leader_seminar_double_sessions) == (6, 30)
    text = " ".join(targets.requirements_text(dbg))
    assert "35" in text
    assert "70" in text


def test_chamber_only_target_and_overrides():
    assert targets.FACHARZT_PSYCHOSOMATIC_CONTENT not in [
        t.key for t in targets.all_targets("LÄKTh")
    ]
    bw = targets.get(targets.FACHARZT_PSYCHOSOMATIC_CONTENT, "LÄKBW")
    assert bw.double_sessions == 10
    with override_settings(
        RECORD_TARGET_OVERRIDES={"LÄKTh": {"psgv": {"min_span_days": 200}}}
    ):
        assert targets.get(targets.PSGV, "LÄKTh").min_span_days == 200
        assert targets.get(targets.PSGV).min_span_days == 182


def test_fits_profession_and_specialty():
    gyn = targets.get(targets.FACHARZT_GYNAEKOLOGIE)
    assert gyn.fits("physician", "Frauenheilkunde und Geburtshilfe")
    assert not gyn.fits("physician", "Allgemeinmedizin")
    assert not gyn.fits("psychologist", "")
    assert targets.get(targets.DBG_LEADER).fits("psychologist")


def test_requirements_text_in_german():
    text = targets.requirements_text(targets.get(targets.PSGV))
    assert all(isinstance(s, str) and s for s in text)
