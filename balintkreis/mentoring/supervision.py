"""From mentoring to paid supervision, agreed by both (DOMAIN.md R9).

The terms count only when mentor and mentee confirmed the same revision: any
change by one person confirms it for them and clears the other's confirmation.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.core.links import absolute_url
from balintkreis.mentoring.models import Mentorship, SupervisionTerms
from balintkreis.notifications import outbox


class TermsError(RuleError):
    pass


def _confirmation_field(mentorship: Mentorship, user: User) -> str:
    if user.pk == mentorship.mentor_id:
        return "mentor_confirmed_at"
    if user.pk == mentorship.mentee_id:
        return "mentee_confirmed_at"
    raise TermsError(_("Only the mentor and the mentee can agree on supervision."))


def _email(mentorship: Mentorship, user: User, template: str, key: str) -> None:
    outbox.enqueue(
        to=user,
        template=f"mentoring/email/{template}",
        key=f"mentoring.mentorship.{mentorship.pk}.{key}.{user.pk}",
        context={
            "mentorship": mentorship,
            "terms": mentorship.terms,
            "other": mentorship.other(user),
            "url": absolute_url("mentoring:mentorship-detail", mentorship.pk),
        },
    )


def propose(
    mentorship: Mentorship,
    *,
    by: User,
    fee_per_session: Decimal,
    frequency: str,
    starts_on: datetime.date,
    notes: str = "",
) -> SupervisionTerms:
    """Create or change the terms; ``by`` confirms them, the other must again."""
    with transaction.atomic():
        mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
        if not mentorship.is_running:
            raise TermsError(_("This mentorship has ended."))
        mine = _confirmation_field(mentorship, by)
        terms = SupervisionTerms.objects.filter(mentorship=mentorship).first()
        if terms is None:
            terms = SupervisionTerms(mentorship=mentorship, revision=0)
        terms.fee_per_session = fee_per_session
        terms.frequency = frequency
        terms.starts_on = starts_on
        terms.notes = notes
        terms.revision += 1
        terms.changed_by = by
        terms.mentor_confirmed_at = None
        terms.mentee_confirmed_at = None
        setattr(terms, mine, timezone.now())
        terms.full_clean()
        terms.save()
        mentorship.terms = terms
        audit.record(
            by,
            "mentoring.supervision.proposed",
            mentorship,
            data={"revision": terms.revision},
        )
        _email(
            mentorship,
            mentorship.other(by),
            "terms_proposed",
            f"terms.{terms.revision}",
        )
    return terms


def confirm(mentorship: Mentorship, *, by: User, revision: int) -> SupervisionTerms:
    """Confirm the terms as seen (``revision``); when both confirmed, the
    mentorship becomes supervision."""
    with transaction.atomic():
        mentorship = Mentorship.objects.select_for_update().get(pk=mentorship.pk)
        if not mentorship.is_running:
            raise TermsError(_("This mentorship has ended."))
        mine = _confirmation_field(mentorship, by)
        terms = SupervisionTerms.objects.filter(mentorship=mentorship).first()
        if terms is None:
            raise TermsError(_("No supervision terms have been proposed yet."))
        if terms.revision != revision:
            raise TermsError(
                _(
                    "The terms were changed in the meantime. Please read them "
                    "again before you confirm."
                )
            )
        setattr(terms, mine, timezone.now())
        terms.save(update_fields=[mine, "updated_at"])
        audit.record(
            by,
            "mentoring.supervision.confirmed",
            mentorship,
            data={"revision": terms.revision},
        )
        if terms.is_agreed and mentorship.status == Mentorship.Status.ACTIVE:
            mentorship.status = Mentorship.Status.SUPERVISION
            mentorship.supervision_from = terms.starts_on
            mentorship.save(update_fields=["status", "supervision_from"])
            mentorship.terms = terms
            audit.record(by, "mentoring.supervision.started", mentorship)
            for user in (mentorship.mentor, mentorship.mentee):
                _email(mentorship, user, "supervision_agreed", "agreed")
        elif terms.is_agreed:
            mentorship.terms = terms
            for user in (mentorship.mentor, mentorship.mentee):
                _email(
                    mentorship, user, "supervision_agreed", f"agreed.{terms.revision}"
                )
    return terms
