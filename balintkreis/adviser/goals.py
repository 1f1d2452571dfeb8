"""The goal a person names, as a requirement the adviser computes with.

The values and sources are the record app's target definitions
(``record/targets.py``, DOMAIN.md sections 5 and 6); this module only picks
the target for the answers and turns it into ``advice.Requirement``.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from balintkreis.adviser.advice import (
    Answers,
    Goal,
    Profession,
    Requirement,
    Specialty,
)


def requirement_for(answers: Answers) -> Requirement | None:
    """The requirement of the person's goal, or None where the goal has no
    number of double sessions for them (CME; physicians' qualifications
    asked for by another profession)."""
    if answers.goal == Goal.CME:
        return None
    if answers.goal == Goal.LEADER:
        return _leader()
    if answers.profession != Profession.PHYSICIAN:
        return None
    if answers.goal == Goal.PSGV:
        return _psgv()
    if answers.goal == Goal.PSYCHOTHERAPY:
        return Requirement(
            title=_("Zusatz-Weiterbildung Psychotherapie"),
            double_sessions=15,
            lines=(
                _(
                    "15 double sessions of a Balint group or a patient-related "
                    "self-experience group."
                ),
            ),
            source=_("Weiterbildungsordnung of the LÄK Baden-Württemberg (2006)"),
            confirmed=True,
        )
    return _specialist(answers.specialty)


def _psgv() -> Requirement:
    target = settings.PSGV_TARGET_DOUBLE_SESSIONS
    return Requirement(
        title=_("Psychosomatische Grundversorgung"),
        double_sessions=target,
        lines=(
            _("%(n)d double sessions of 90 minutes (30 hours) of Balint group work.")
            % {"n": target},
            _(
                "Spread over at least 6 months (chamber); the KV asks for at "
                "least 3 months."
            ),
            _(
                "In one closed group under one fixed leader: a change of group or "
                "leader starts the series anew."
            ),
            _("At most half of them online; the first and the last date in person."),
        ),
        source=_("BÄK (Muster-)Kursbuch Psychosomatische Grundversorgung"),
        confirmed=True,
        min_span_days=settings.PSGV_MIN_SPAN_DAYS,
        max_online_percent=settings.PSGV_MAX_ONLINE_PERCENT,
        one_series=True,
    )


def _leader() -> Requirement:
    return Requirement(
        title=_("Balint group leader (DBG)"),
        double_sessions=105,
        lines=(
            _(
                "105 double sessions of Balint group participation: 35 before "
                "the leader training starts and 70 during it, ideally in a "
                "continuous group under DBG-recognised leaders."
            ),
            _("6 leader seminars with at least 30 double sessions in total."),
            _(
                "Further items (supervised leading of your own group, a final "
                "colloquium): please ask the DBG."
            ),
        ),
        source=_("Deutsche Balint-Gesellschaft, “Die Leiterausbildung”"),
        confirmed=True,
        before_training=35,
    )


def _specialist(specialty: str) -> Requirement:
    if specialty in (Specialty.GENERAL_PRACTICE, Specialty.GYNAECOLOGY):
        return Requirement(
            title=_("Balint part of the specialist training"),
            double_sessions=15,
            lines=(
                _(
                    "15 Balint double sessions, as part of the 80-hour "
                    "Psychosomatische Grundversorgung."
                ),
            ),
            source=_("leoacademie.de; PSGV as part of the training: DBG, DGGG"),
            confirmed=False,
        )
    if specialty == Specialty.PAEDIATRICS:
        return Requirement(
            title=_("Balint part of the specialist training"),
            double_sessions=15,
            lines=(
                _(
                    "The 80-hour Psychosomatische Grundversorgung is part of the "
                    "training, with 15 Balint double sessions."
                ),
            ),
            source=_("DBG Kompetenznetzwerk PSGV"),
            confirmed=False,
        )
    if specialty in (Specialty.PSYCHIATRY, Specialty.PSYCHOSOMATICS):
        return Requirement(
            title=_("Balint part of the specialist training"),
            double_sessions=35,
            lines=(
                _(
                    "Balint group work is obligatory; often quoted as 35 double "
                    "sessions of Balint or IFA groups, not verified."
                ),
            ),
            source=_("110. Deutscher Ärztetag 2007; the number is unconfirmed"),
            confirmed=False,
        )
    return Requirement(
        title=_("Balint part of the specialist training"),
        double_sessions=10,
        lines=(
            _(
                "Psychosomatic content in every specialist training: 40 hours, "
                "among them at least 10 Balint double sessions (LÄK "
                "Baden-Württemberg)."
            ),
        ),
        source=_("hit-heidelberg.de, quoting the LÄK Baden-Württemberg"),
        confirmed=False,
    )
