"""What a member pays: the group's fee (groups/fees.py) and the person's
agreement, in one function (issue 18 item 1).

``agreed_amount`` is the only place where an agreement changes an amount;
the invoice, the offer page and the preview of a term all go through
``membership_charge`` / ``supervision_charge`` / ``offer_charge``.

Fees of groups and supervision are net amounts: when the operator sets a VAT
rate for the kind of service, the VAT is added on the invoice.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from balintkreis.billing.models import FeeAgreement
from balintkreis.groups import fees as group_fees
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.meetings.models import Meeting
from balintkreis.mentoring.models import MentoringSession, Mentorship

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Charge:
    """One billable amount, with what the invoice line says about it.

    ``amount`` is None when nothing can be billed: the fee is "on request"
    and no amount was agreed.
    """

    description: str
    detail: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal | None
    period_from: datetime.date
    period_until: datetime.date
    base: Decimal | None
    agreement: FeeAgreement | None = None

    @property
    def is_billable(self) -> bool:
        return self.amount is not None and self.amount > 0


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def agreed_amount(
    base: Decimal | None, agreement: FeeAgreement | None
) -> Decimal | None:
    """The amount to bill: ``base`` (the group's or the supervision fee, None
    when "on request") changed by the person's ``agreement``."""
    if agreement is None:
        return base
    if agreement.kind == FeeAgreement.Kind.FREE:
        return Decimal("0.00")
    if agreement.kind == FeeAgreement.Kind.FIXED:
        return agreement.amount
    if base is None or agreement.reduction_percent is None:
        return None
    return money(base * (100 - agreement.reduction_percent) / 100)


def agreement_text(agreement: FeeAgreement | None) -> str:
    """How the invoice line names the agreement (never its internal note)."""
    if agreement is None:
        return ""
    if agreement.kind == FeeAgreement.Kind.REDUCED:
        percent = agreement.reduction_percent or Decimal(0)
        return _("reduced by %(percent)s %% as agreed") % {
            "percent": f"{percent.normalize():f}"
        }
    if agreement.kind == FeeAgreement.Kind.FIXED:
        return _("amount as individually agreed")
    return _("free of charge as agreed")


def agreement_for(membership: Membership) -> FeeAgreement | None:
    """The membership's agreement; free when loaded with
    ``select_related("fee_agreement")``."""
    if membership.pk is None:
        return None
    try:
        return membership.fee_agreement
    except FeeAgreement.DoesNotExist:
        return None


def term_until(
    group: BalintGroup, *, term_from: datetime.date, sessions: int | None = None
) -> datetime.date:
    """The last day of the term starting ``term_from``: the date of the
    meeting that completes ``sessions`` (default: ``term_sessions``) double
    sessions, else the last planned one, else six months."""
    sessions = sessions or group.term_sessions
    meetings = Meeting.objects.filter(
        group=group, is_cancelled=False, starts_at__date__gte=term_from
    ).order_by("starts_at")
    counted = 0
    last: datetime.date | None = None
    for meeting in meetings:
        counted += meeting.double_sessions
        last = meeting.local_date
        if counted >= sessions:
            break
    if last is not None:
        return last
    return _six_months_after(term_from)


def _six_months_after(day: datetime.date) -> datetime.date:
    month = day.month + 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    try:
        end = day.replace(year=year, month=month)
    except ValueError:
        end = day.replace(year=year, month=month, day=28)
    return end - datetime.timedelta(days=1)


def _group_description(group: BalintGroup, term_from: datetime.date) -> str:
    if "balint" in group.title.lower():
        return _("%(group)s, %(term)s from %(day)s") % {
            "group": group.title,
            "term": group.term_label,
            "day": date_format(term_from, "SHORT_DATE_FORMAT"),
        }
    return _("Balint group “%(group)s”, %(term)s from %(day)s") % {
        "group": group.title,
        "term": group.term_label,
        "day": date_format(term_from, "SHORT_DATE_FORMAT"),
    }


def membership_charge(membership: Membership, *, term_from: datetime.date) -> Charge:
    """What ``membership`` costs for the term starting ``term_from``.

    A member who entered after the term began pays the pro-rated entry fee
    (groups.fees.entry_fee; the leader's count of remaining sessions from
    the application wins, as on the acceptance). A group "on request" bills
    only an agreed amount.
    """
    application = getattr(membership, "application", None)
    return group_charge(
        membership.group,
        term_from=term_from,
        entry_on=max(membership.started_on, term_from),
        remaining_sessions=application.remaining_sessions if application else None,
        agreement=agreement_for(membership),
    )


def group_charge(
    group: BalintGroup,
    *,
    term_from: datetime.date,
    entry_on: datetime.date,
    remaining_sessions: int | None,
    agreement: FeeAgreement | None,
) -> Charge:
    """The group fee for the term from ``term_from`` for an entry on
    ``entry_on``, changed by ``agreement``."""
    until = term_until(group, term_from=term_from)
    fee = group_fees.fee_for(group)
    base: Decimal | None = None
    sessions = group.term_sessions
    unit_price = Decimal("0.00")
    if fee is not None:
        if entry_on > term_from:
            entry = group_fees.entry_fee(
                group, entry_on=entry_on, remaining_sessions=remaining_sessions
            )
            assert entry is not None  # fee_for() was not None
            base, sessions = entry.amount, entry.sessions
            # A late entrant's period: from the entry to the last session paid.
            until = term_until(group, term_from=entry_on, sessions=sessions)
        else:
            base = fee.per_term
        unit_price = fee.per_session
    if group.fee_and_places_on_request and agreement is None:
        base = None
    amount = agreed_amount(base, agreement)
    detail = [
        ngettext(
            "%(count)s double session, %(start)s – %(end)s",
            "%(count)s double sessions, %(start)s – %(end)s",
            sessions,
        )
        % {
            "count": sessions,
            "start": date_format(entry_on, "SHORT_DATE_FORMAT"),
            "end": date_format(until, "SHORT_DATE_FORMAT"),
        }
    ]
    if agreement is not None:
        detail.append(agreement_text(agreement))
    quantity, price = _quantity_and_price(sessions, unit_price, amount, base)
    return Charge(
        description=_group_description(group, term_from),
        detail="; ".join(detail),
        quantity=quantity,
        unit_price=price,
        amount=amount,
        period_from=entry_on,
        period_until=until,
        base=base,
        agreement=agreement,
    )


def _quantity_and_price(
    sessions: int,
    unit_price: Decimal,
    amount: Decimal | None,
    base: Decimal | None,
) -> tuple[Decimal, Decimal]:
    """Per double session when the amount is sessions × price; otherwise one
    flat position (agreed amounts need not divide evenly)."""
    if (
        amount is not None
        and base == amount
        and sessions
        and (money(unit_price * sessions) == amount)
    ):
        return Decimal(sessions), unit_price
    return Decimal(1), amount or Decimal("0.00")


def offer_charge(
    group: BalintGroup,
    *,
    entry_on: datetime.date,
    remaining_sessions: int | None = None,
) -> Charge:
    """The fee shown before a person accepts an offer: the same rule as the
    invoice, for an entry on ``entry_on`` (no agreement exists yet)."""
    term_from = min(group.term_started_on or entry_on, entry_on)
    return group_charge(
        group,
        term_from=term_from,
        entry_on=entry_on,
        remaining_sessions=remaining_sessions,
        agreement=None,
    )


def billable_memberships(
    group: BalintGroup, *, term_from: datetime.date, until: datetime.date
) -> list[Membership]:
    """Members of ``group`` during the term: begun before it ends, not ended
    before it starts."""
    return list(
        Membership.objects.filter(group=group, started_on__lte=until)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=term_from))
        .select_related("user", "group", "application", "fee_agreement")
        .order_by("user__last_name", "user__first_name", "pk")
    )


def supervision_charge(
    mentorship: Mentorship,
    *,
    period_from: datetime.date,
    period_until: datetime.date,
) -> Charge:
    """Paid supervision sessions of ``mentorship`` in the period, at the fee
    both agreed (mentoring.SupervisionTerms), changed by a fee agreement."""
    terms = getattr(mentorship, "terms", None)
    agreement = FeeAgreement.objects.filter(mentorship=mentorship).first()
    count = MentoringSession.objects.filter(
        mentorship=mentorship,
        is_free=False,
        held_on__gte=period_from,
        held_on__lte=period_until,
    ).count()
    base: Decimal | None = None
    price = Decimal("0.00")
    if terms is not None and terms.is_agreed:
        price = terms.fee_per_session
        base = money(price * count)
    amount = agreed_amount(base, agreement) if count else Decimal("0.00")
    detail = [
        ngettext(
            "%(count)s supervision session, %(start)s – %(end)s",
            "%(count)s supervision sessions, %(start)s – %(end)s",
            count,
        )
        % {
            "count": count,
            "start": date_format(period_from, "SHORT_DATE_FORMAT"),
            "end": date_format(period_until, "SHORT_DATE_FORMAT"),
        }
    ]
    if agreement is not None:
        detail.append(agreement_text(agreement))
    quantity, unit_price = _quantity_and_price(count, price, amount, base)
    return Charge(
        description=_("Supervision with %(mentor)s")
        % {"mentor": mentorship.mentor.display_name},
        detail="; ".join(detail),
        quantity=quantity,
        unit_price=unit_price,
        amount=amount,
        period_from=period_from,
        period_until=period_until,
        base=base,
        agreement=agreement,
    )
