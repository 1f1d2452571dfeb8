"""The goal a person names, as a requirement the adviser computes with.

The values, sources and caveats are the record app's target definitions
(``record/targets.py``, DOMAIN.md sections 5 and 6, with the chamber's
overrides); this module only picks the target for the answers and turns it
into ``advice.Requirement``. It adds nothing to what a target claims.
"""

from django.utils.translation import gettext as _

from balintkreis.adviser.advice import (
    MONTH_DAYS,
    Answers,
    Goal,
    Profession,
    Requirement,
    Specialty,
)
from balintkreis.record import targets

SPECIALIST_TARGETS: dict[str, str] = {
    Specialty.GENERAL_PRACTICE: targets.FACHARZT_ALLGEMEINMEDIZIN,
    Specialty.GYNAECOLOGY: targets.FACHARZT_GYNAEKOLOGIE,
    Specialty.PAEDIATRICS: targets.FACHARZT_KINDERHEILKUNDE,
    Specialty.PSYCHIATRY: targets.FACHARZT_PSYCHIATRIE,
    Specialty.PSYCHOSOMATICS: targets.FACHARZT_PSYCHOSOMATIK,
}


def target_key(answers: Answers) -> str | None:
    """The record's target for the goal, or None where the goal has no
    number of double sessions for the person (CME; a physicians'
    qualification asked for by another profession)."""
    if answers.goal == Goal.LEADER:
        return targets.DBG_LEADER
    if answers.goal == Goal.CME or answers.profession != Profession.PHYSICIAN:
        return None
    if answers.goal == Goal.PSGV:
        return targets.PSGV
    if answers.goal == Goal.PSYCHOTHERAPY:
        return targets.ZUSATZ_PSYCHOTHERAPIE
    # Other specialties: the psychosomatic content every specialist training
    # has (a rule of one chamber; the target says so).
    return SPECIALIST_TARGETS.get(
        answers.specialty, targets.FACHARZT_PSYCHOSOMATIC_CONTENT
    )


def requirement_for(
    answers: Answers, *, chamber: str | None = None
) -> Requirement | None:
    """The requirement of the person's goal under ``chamber``
    (``Chamber.short_name``; None: the BÄK defaults)."""
    key = target_key(answers)
    if key is None:
        return None
    target = targets.get(key, chamber)
    lines = list(targets.requirements_text(target))
    if target.kind == "psgv":
        kv = targets.get(targets.PSGV_KV, chamber)
        # Before the note and the source, after the chamber's own rules.
        note = str(target.note)
        lines.insert(
            lines.index(note) if note in lines else len(lines),
            _(
                "For billing with the KV (GOP 35100/35110) the sessions must "
                "span at least %(months)d months."
            )
            % {"months": kv.min_span_months},
        )
    if target.only_chambers and chamber not in target.only_chambers:
        lines.append(
            _(
                "This is the rule of one chamber; for yours we know no number. "
                "Please check with your chamber."
            )
        )
    return Requirement(
        title=str(target.title),
        double_sessions=target.double_sessions,
        lines=tuple(lines),
        source=target.source,
        # Unconfirmed, with a caveat, or a rule of another chamber.
        confirmed=not target.needs_check
        and not (target.only_chambers and chamber not in target.only_chambers),
        min_span_days=target.min_span_days
        or round(target.min_span_months * MONTH_DAYS),
        max_online_percent=target.max_online_percent,
        one_series=target.one_group_one_leader,
        before_training=target.before_training,
    )
