"""The targets a person aims for (record/targets.py): choose and drop."""

import datetime

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.record import targets
from balintkreis.record.models import ChosenTarget


class GoalError(RuleError):
    pass


def choose(
    user: User,
    *,
    key: str,
    training_started_on: datetime.date | None = None,
) -> ChosenTarget:
    """Add ``key`` to the person's targets, or change its training start."""
    if key not in targets.all_keys():
        raise GoalError(_("Please choose one of the listed targets."))
    with transaction.atomic():
        chosen, created = ChosenTarget.objects.update_or_create(
            user=user,
            key=key,
            defaults={"training_started_on": training_started_on},
        )
        audit.record(
            user,
            "record.target.chosen" if created else "record.target.changed",
            chosen,
            data={"key": key},
        )
    return chosen


def remove(chosen: ChosenTarget, *, by: User) -> None:
    with transaction.atomic():
        audit.record(by, "record.target.removed", chosen, data={"key": chosen.key})
        chosen.delete()
