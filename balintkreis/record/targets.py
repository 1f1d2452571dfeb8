"""What a qualification asks of a person's Balint record (DOMAIN.md 5, 6, R6, R8).

Pure definitions, no database: the record app counts against them, the
adviser (``balintkreis/adviser``) explains them. Values default to the BÄK
(Muster-)Kursbuch and the DBG; a chamber may differ (``CHAMBER_OVERRIDES``,
extended by the setting ``RECORD_TARGET_OVERRIDES``). Where DOMAIN.md marks a
value unconfirmed or only secondary, the target says so: ``confirmed`` is
False or ``note`` is set, and ``requirements_text`` ends with "bitte bei Ihrer
Kammer prüfen". Never claim more certainty than DOMAIN.md has.

The API:

- ``Target``: one qualification, frozen; ``title``, ``audience`` and ``note``
  are lazy English msgids (German in the catalogue).
- ``get(key, chamber=None) -> Target`` (``KeyError`` if unknown), ``all_keys()`` and
  ``all_targets(chamber=None) -> list[Target]``: the definitions with a
  chamber's overrides applied. ``chamber`` is ``Chamber.short_name``
  (e.g. "LÄKTh"); None means the BÄK defaults.
- ``Target.fits(profession, specialty)``: whether the target is meant for a
  person (``User.Profession`` value, free-text specialty).
- ``Target.span_ok(first, last)`` and ``Target.max_online``: the span and
  the online-share rule as numbers.
- ``requirements_text(target) -> list[str]``: plain German sentences.
- The entry kinds (``GROUP``, ``STUDY_CONFERENCE``, ``LARGE_GROUP``,
  ``LEADER_SEMINAR``, ``SUPERVISED_LEADING``) and the target keys (``PSGV``,
  ``PSGV_KV``, ``FACHARZT_*``, ``ZUSATZ_PSYCHOTHERAPIE``, ``DBG_LEADER``).

The PSGV values come from the settings ``PSGV_TARGET_DOUBLE_SESSIONS``,
``PSGV_MIN_SPAN_DAYS``, ``PSGV_KV_MIN_SPAN_MONTHS`` and
``PSGV_MAX_ONLINE_PERCENT``, as the per-group progress (meetings/progress.py)
uses them, so both count the same way.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from balintkreis.meetings.progress import add_months

# What an entry of the record is (also the choices of OutsideEntry.kind).
GROUP = "group"
STUDY_CONFERENCE = "study_conference"
LARGE_GROUP = "large_group"
LEADER_SEMINAR = "leader_seminar"
SUPERVISED_LEADING = "supervised_leading"
PARTICIPATION_KINDS = (GROUP, STUDY_CONFERENCE, LARGE_GROUP)

# User.Profession values (accounts/models.py).
PHYSICIAN = "physician"
PSYCHOTHERAPIST = "psychotherapist"
PSYCHOLOGIST = "psychologist"
TRAINEE = "trainee"
PHYSICIANS = (PHYSICIAN, TRAINEE)

# Target keys.
PSGV = "psgv"
PSGV_KV = "psgv_kv"
FACHARZT_ALLGEMEINMEDIZIN = "facharzt_allgemeinmedizin"
FACHARZT_GYNAEKOLOGIE = "facharzt_gynaekologie"
FACHARZT_KINDERHEILKUNDE = "facharzt_kinderheilkunde"
FACHARZT_PSYCHIATRIE = "facharzt_psychiatrie"
FACHARZT_PSYCHOSOMATIK = "facharzt_psychosomatik"
FACHARZT_PSYCHOSOMATIC_CONTENT = "facharzt_psychosomatic_content"
ZUSATZ_PSYCHOTHERAPIE = "zusatz_psychotherapie"
DBG_LEADER = "dbg_leader"

CHECK_WITH_CHAMBER = gettext_lazy("Please check with your chamber.")


@dataclass(frozen=True)
class Target:
    """One qualification and what it asks of Balint participation.

    ``min_span_days`` (if > 0) wins over ``min_span_months``: the chamber
    rule is counted in days like the per-group progress (182), the KV rule in
    calendar months. ``max_online_percent`` None means no online rule is
    known. ``before_training``/``during_training`` split ``double_sessions``
    around the training start the person enters (DBG). ``only_chambers``
    limits a target to some chambers (empty: everywhere).
    """

    key: str
    title: str | Promise
    kind: str  # "psgv", "facharzt", "zusatz", "leader"
    audience: str | Promise
    professions: tuple[str, ...]
    double_sessions: int
    source: str
    confirmed: bool = True
    note: str | Promise = ""
    specialties: tuple[str, ...] = ()
    counted_kinds: tuple[str, ...] = (GROUP,)
    min_span_months: int = 0
    min_span_days: int = 0
    max_online_percent: int | None = None
    first_last_in_person: bool = False
    one_group_one_leader: bool = False
    before_training: int = 0
    during_training: int = 0
    leader_seminars: int = 0
    leader_seminar_double_sessions: int = 0
    supervised_leading: bool = False
    min_years_experience: int = 0
    only_chambers: tuple[str, ...] = ()

    @property
    def needs_check(self) -> bool:
        """Unconfirmed, or with a caveat: "bitte bei Ihrer Kammer prüfen"."""
        return not self.confirmed or bool(self.note)

    @property
    def hours(self) -> int:
        """Units of 45 minutes ("Stunden"): one double session is two."""
        return 2 * self.double_sessions

    @property
    def max_online(self) -> int | None:
        """Double sessions that may be online, or None without a rule."""
        if self.max_online_percent is None:
            return None
        return self.double_sessions * self.max_online_percent // 100

    @property
    def has_span_rule(self) -> bool:
        return bool(self.min_span_days or self.min_span_months)

    def span_ok(self, first: datetime.date, last: datetime.date) -> bool:
        if self.min_span_days:
            return (last - first).days >= self.min_span_days
        if self.min_span_months:
            return last >= add_months(first, self.min_span_months)
        return True

    def fits(self, profession: str, specialty: str = "") -> bool:
        """Whether the target is meant for this profession and specialty
        (a specialty matches when one of ours is part of it, ignoring case)."""
        if profession and self.professions and profession not in self.professions:
            return False
        if not self.specialties:
            return True
        given = specialty.casefold()
        return bool(given) and any(s.casefold() in given for s in self.specialties)


def _psgv_rules() -> dict[str, Any]:
    return {
        "double_sessions": settings.PSGV_TARGET_DOUBLE_SESSIONS,
        "max_online_percent": settings.PSGV_MAX_ONLINE_PERCENT,
        "first_last_in_person": True,
        "one_group_one_leader": True,
    }


def _defaults() -> list[Target]:
    psgv = _psgv_rules()
    kammer_span: dict[str, Any] = {
        "min_span_months": 6,
        "min_span_days": settings.PSGV_MIN_SPAN_DAYS,
    }
    # Psychiatry and psychosomatic medicine: DOMAIN.md section 5 found the
    # obligation, not the number.
    often_quoted_35: dict[str, Any] = {
        "double_sessions": 35,
        "source": "110. Deutscher Ärztetag 2007 (Balint work obligatory); "
        "35 double sessions often quoted, not verified",
        "confirmed": False,
        "note": gettext_lazy(
            "Balint work is obligatory; the number of 35 double sessions is "
            "often quoted but not verified."
        ),
    }
    online_note = gettext_lazy(
        "The rules for online sessions (at most half online, first and last "
        "in person) come from two consistent secondary sources."
    )
    return [
        Target(
            key=PSGV,
            title=gettext_lazy("Psychosomatic primary care (chamber)"),
            kind="psgv",
            audience=gettext_lazy("Physicians, for the Zusatzbezeichnung"),
            professions=PHYSICIANS,
            source="BÄK (Muster-)Kursbuch Psychosomatische Grundversorgung",
            note=online_note,
            **psgv,
            **kammer_span,
        ),
        Target(
            key=PSGV_KV,
            title=gettext_lazy("Psychosomatic primary care (KV billing)"),
            kind="psgv",
            audience=gettext_lazy("Physicians billing GOP 35100/35110 with their KV"),
            professions=PHYSICIANS,
            source="Psychotherapie-Vereinbarung § 7",
            note=gettext_lazy(
                "Some KVs (e.g. KV Sachsen) ask for half a year instead of three "
                "months."
            ),
            min_span_months=settings.PSGV_KV_MIN_SPAN_MONTHS,
            **psgv,
        ),
        Target(
            key=FACHARZT_ALLGEMEINMEDIZIN,
            title=gettext_lazy("Specialist training: general practice"),
            kind="facharzt",
            audience=gettext_lazy("Physicians in training for Allgemeinmedizin"),
            professions=PHYSICIANS,
            specialties=("Allgemeinmedizin",),
            source="MWBO: PSGV course part of the training (DBG "
            "Kompetenznetzwerk); 15 double sessions (leoacademie.de)",
            note=online_note,
            **psgv,
            **kammer_span,
        ),
        Target(
            key=FACHARZT_GYNAEKOLOGIE,
            title=gettext_lazy("Specialist training: gynaecology and obstetrics"),
            kind="facharzt",
            audience=gettext_lazy(
                "Physicians in training for Frauenheilkunde und Geburtshilfe"
            ),
            professions=PHYSICIANS,
            specialties=("Gynäkologie", "Frauenheilkunde"),
            source="MWBO: PSGV course part of the training (DGGG); 15 double "
            "sessions (leoacademie.de)",
            note=online_note,
            **psgv,
            **kammer_span,
        ),
        Target(
            key=FACHARZT_KINDERHEILKUNDE,
            title=gettext_lazy("Specialist training: paediatrics"),
            kind="facharzt",
            audience=gettext_lazy("Physicians in training for Kinderheilkunde"),
            professions=PHYSICIANS,
            specialties=("Kinder",),
            source="MWBO: PSGV course part of the training (DBG Kompetenznetzwerk)",
            note=online_note,
            **psgv,
            **kammer_span,
        ),
        Target(
            key=FACHARZT_PSYCHIATRIE,
            title=gettext_lazy("Specialist training: psychiatry and psychotherapy"),
            kind="facharzt",
            audience=gettext_lazy(
                "Physicians in training for Psychiatrie und Psychotherapie"
            ),
            professions=PHYSICIANS,
            specialties=("Psychiatrie",),
            **often_quoted_35,
        ),
        Target(
            key=FACHARZT_PSYCHOSOMATIK,
            title=gettext_lazy(
                "Specialist training: psychosomatic medicine and psychotherapy"
            ),
            kind="facharzt",
            audience=gettext_lazy(
                "Physicians in training for Psychosomatische Medizin und Psychotherapie"
            ),
            professions=PHYSICIANS,
            specialties=("Psychosomati",),
            **often_quoted_35,
        ),
        Target(
            key=FACHARZT_PSYCHOSOMATIC_CONTENT,
            title=gettext_lazy("Psychosomatic content of every specialist training"),
            kind="facharzt",
            audience=gettext_lazy("Physicians in any specialist training"),
            professions=PHYSICIANS,
            double_sessions=10,
            source="LÄK Baden-Württemberg WBO (hit-heidelberg.de)",
            confirmed=False,
            note=gettext_lazy(
                "40 hours of psychosomatic content including at least 10 Balint "
                "double sessions; from a secondary source."
            ),
            only_chambers=("LÄKBW",),
        ),
        Target(
            key=ZUSATZ_PSYCHOTHERAPIE,
            title=gettext_lazy("Additional training in psychotherapy"),
            kind="zusatz",
            audience=gettext_lazy(
                "Physicians with a specialty, for the Zusatz-Weiterbildung "
                "Psychotherapie (fachgebunden)"
            ),
            professions=PHYSICIANS,
            double_sessions=15,
            source="LÄK Baden-Württemberg WBO 2006 (hit-heidelberg.de)",
            note=gettext_lazy(
                "Balint group or patient-related self-experience group; the "
                "source is the rule of LÄK Baden-Württemberg."
            ),
        ),
        Target(
            key=DBG_LEADER,
            title=gettext_lazy("Balint group leader (DBG)"),
            kind="leader",
            audience=gettext_lazy(
                "Physicians with Zusatzbezeichnung Psychotherapie or "
                "Psychoanalyse or a psychotherapeutic specialty; psychological "
                "psychotherapists with TP/PA training"
            ),
            professions=(PHYSICIAN, PSYCHOTHERAPIST, PSYCHOLOGIST),
            double_sessions=105,
            before_training=35,
            during_training=70,
            leader_seminars=6,
            leader_seminar_double_sessions=30,
            supervised_leading=True,
            min_years_experience=3,
            counted_kinds=PARTICIPATION_KINDS,
            source="Deutsche Balint-Gesellschaft: Die Leiterausbildung",
            note=gettext_lazy(
                "Supervised leading of your own group and a final colloquium are "
                "further items whose details were not available to us."
            ),
        ),
    ]


# Chamber (Chamber.short_name) -> target key -> field -> value. Only values a
# source in DOMAIN.md gives; LÄK Thüringen numbers were not found, so it uses
# the BÄK defaults.
CHAMBER_OVERRIDES: Mapping[str, Mapping[str, Mapping[str, Any]]] = {
    "LÄKBW": {
        ZUSATZ_PSYCHOTHERAPIE: {"confirmed": True},
    },
}


def _overrides(chamber: str | None) -> Mapping[str, Mapping[str, Any]]:
    if not chamber:
        return {}
    merged: dict[str, dict[str, Any]] = {}
    configured = getattr(settings, "RECORD_TARGET_OVERRIDES", {})
    for source in (CHAMBER_OVERRIDES, configured):
        for key, values in source.get(chamber, {}).items():
            merged.setdefault(key, {}).update(values)
    return merged


def all_targets(chamber: str | None = None) -> list[Target]:
    """Every target open to people of ``chamber``, with its overrides."""
    overrides = _overrides(chamber)
    result = []
    for target in _defaults():
        if target.only_chambers and chamber not in target.only_chambers:
            continue
        result.append(dataclasses.replace(target, **overrides.get(target.key, {})))
    return result


def get(key: str, chamber: str | None = None) -> Target:
    """One target by key; ``KeyError`` if unknown (or not open to ``chamber``
    — then the defaults are returned if the target exists at all)."""
    for target in all_targets(chamber):
        if target.key == key:
            return target
    for target in _defaults():
        if target.key == key:
            return target
    raise KeyError(key)


def all_keys() -> list[str]:
    return [target.key for target in _defaults()]


def requirements_text(target: Target) -> list[str]:
    """What ``target`` asks, one plain German sentence each."""
    sentences = [
        ngettext(
            "%(count)d Balint double session (90 minutes each, %(hours)d hours).",
            "%(count)d Balint double sessions (90 minutes each, %(hours)d hours).",
            target.double_sessions,
        )
        % {"count": target.double_sessions, "hours": target.hours}
    ]
    if target.before_training or target.during_training:
        sentences.append(
            _(
                "Of these, %(before)d before the start of the training and "
                "%(during)d during it, ideally in a continuous group under "
                "DBG-recognised leaders; study conferences and large groups "
                "count in part."
            )
            % {"before": target.before_training, "during": target.during_training}
        )
    if target.one_group_one_leader:
        sentences.append(
            _(
                "All in one closed group under one fixed leader: a change of "
                "group or leader starts a new series."
            )
        )
    if target.min_span_days:
        sentences.append(
            _(
                "From the first to the last session at least %(months)d months "
                "(%(days)d days); no crash courses."
            )
            % {"months": target.min_span_months, "days": target.min_span_days}
        )
    elif target.min_span_months:
        sentences.append(
            _("From the first to the last session at least %(months)d months.")
            % {"months": target.min_span_months}
        )
    if target.max_online is not None:
        sentences.append(
            _(
                "At most %(percent)d %% online (%(count)d double sessions), each "
                "online session at most 90 minutes."
            )
            % {"percent": target.max_online_percent, "count": target.max_online}
        )
    if target.first_last_in_person:
        sentences.append(_("The first and the last session in person."))
    if target.leader_seminars:
        sentences.append(
            _(
                "%(count)d leader seminars with at least %(double_sessions)d "
                "double sessions in total."
            )
            % {
                "count": target.leader_seminars,
                "double_sessions": target.leader_seminar_double_sessions,
            }
        )
    if target.min_years_experience:
        sentences.append(
            _(
                "At least %(years)d years of professional experience after the "
                "qualification."
            )
            % {"years": target.min_years_experience}
        )
    if target.supervised_leading:
        sentences.append(_("Leading a group of your own under supervision."))
    if target.note:
        sentences.append(str(target.note))
    sentences.append(_("Source: %(source)s.") % {"source": target.source})
    if not target.confirmed:
        sentences.append(_("This value is not confirmed."))
    if target.needs_check:
        sentences.append(
            _("Please check with the DBG.")
            if target.kind == "leader"
            else str(CHECK_WITH_CHAMBER)
        )
    return sentences
