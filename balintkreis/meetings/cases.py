"""Case presentations: who presented and a short theme, nothing more (R7, R11).

Text that looks like it identifies a patient (``core.confidentiality``) must
be confirmed by the leader before such a theme is saved.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.accounts.models import User
from balintkreis.core import audit, confidentiality
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import members as members_rules
from balintkreis.meetings.models import CasePresentation, Meeting


class CaseError(RuleError):
    pass


def record_presentation(
    meeting: Meeting,
    *,
    presenter: User,
    theme: str,
    by: User,
    hints_confirmed: bool,
) -> CasePresentation:
    """Note a case presentation; refuses unconfirmed identifying text."""
    theme = " ".join(theme.split())
    if confidentiality.looks_identifying(theme) and not hints_confirmed:
        raise CaseError(
            _("The theme may identify a patient. Please shorten it or confirm.")
        )
    with transaction.atomic():
        if not members_rules.expected_for(meeting).filter(pk=presenter.pk).exists():
            raise CaseError(_("The presenter must be a member of the group."))
        presentation = CasePresentation(
            meeting=meeting, presenter=presenter, theme=theme, created_by=by
        )
        presentation.full_clean()
        presentation.save()
        audit.record(by, "meetings.case.noted", presentation, data={})
    return presentation


@dataclass(frozen=True)
class PresenterRow:
    person: User
    last_presented_on: datetime.date | None
    presentations: int


def longest_without_presenting(
    group: BalintGroup, *, day: datetime.date
) -> list[PresenterRow]:
    """Current members; those who never or longest ago presented come first.

    Two queries whatever the group size: members, and the group's presentations.
    """
    last: dict[int, datetime.datetime] = {}
    totals: dict[int, int] = {}
    for presenter_id, starts_at in CasePresentation.objects.filter(
        meeting__group=group
    ).values_list("presenter_id", "meeting__starts_at"):
        totals[presenter_id] = totals.get(presenter_id, 0) + 1
        if presenter_id not in last or starts_at > last[presenter_id]:
            last[presenter_id] = starts_at
    rows = [
        PresenterRow(
            person=person,
            last_presented_on=(
                timezone.localtime(last[person.pk]).date()
                if person.pk in last
                else None
            ),
            presentations=totals.get(person.pk, 0),
        )
        for person in members_rules.members_on(group, day)
    ]
    rows.sort(
        key=lambda r: (r.last_presented_on or datetime.date.min, r.person.last_name)
    )
    return rows
