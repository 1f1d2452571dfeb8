"""Contact messages: the secretariat's inbox (DESIGN.md "Find a group").

An inquiry is answered in the app: ``reply`` stores the answer with the
inquiry (the thread), sends it through the outbox in the sender's language
and sets the inquiry to answered. ``text_block`` writes the paragraphs the
reply form can insert: the group's current fee, free places and next entry
dates.
"""

from django.conf import settings
from django.db import transaction
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.salutation import salutation_for_name
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.groups import fees
from balintkreis.groups.models import BalintGroup, Inquiry, InquiryReply
from balintkreis.notifications import outbox

# What the reply form can insert, by the value of its buttons.
TEXT_BLOCKS = ("fee", "places", "entry_dates")
ENTRY_DATES_SHOWN = 3


class AlreadyAnswered(RuleError):
    pass


def submit_inquiry(
    *,
    name: str,
    email: str,
    profession: str,
    message: str,
    consent_version: str,
    group: BalintGroup | None = None,
    language: str = "de",
) -> Inquiry:
    """Store a contact message and queue two e-mails in the same transaction.

    The secretariat gets the message with Reply-To set to the sender, and the
    sender gets a confirmation. The privacy notice version the sender agreed
    to is stored with the inquiry (DOMAIN.md R11).
    """
    with transaction.atomic():
        inquiry = Inquiry(
            name=name,
            email=email,
            profession=profession,
            group=group,
            message=message,
            consent_version=consent_version,
            language=language,
        )
        inquiry.full_clean()
        inquiry.save()
        outbox.enqueue(
            to=settings.SECRETARIAT_EMAIL,
            reply_to=inquiry.email,
            template="groups/email/inquiry_secretariat",
            context={"inquiry": inquiry},
            key=f"groups.inquiry.{inquiry.pk}.secretariat",
        )
        outbox.enqueue(
            to=inquiry.email,
            template="groups/email/inquiry_confirmation",
            # The neutral greeting of a bare address: the sender's name is
            # typed text, and the confirmation echoes none (no spam relay).
            context={"inquiry": inquiry},
            key=f"groups.inquiry.{inquiry.pk}.confirmation",
            language=language,
        )
        audit.record(None, "groups.inquiry.received", inquiry)
    return inquiry


def mark_answered(inquiry: Inquiry, *, by: object) -> Inquiry:
    """Set a new inquiry to answered, once; a second call raises AlreadyAnswered.

    A conditional UPDATE, so two secretaries clicking at once record one answer.
    """
    now = timezone.now()
    with transaction.atomic():
        changed = Inquiry.objects.filter(
            pk=inquiry.pk, status=Inquiry.Status.NEW
        ).update(status=Inquiry.Status.ANSWERED, answered_at=now)
        if not changed:
            raise AlreadyAnswered(_("This inquiry was already marked as answered."))
        audit.record(by, "groups.inquiry.answered", inquiry)
    inquiry.refresh_from_db()
    return inquiry


def reply(inquiry: Inquiry, *, by: object, body: str) -> InquiryReply:
    """Send the secretariat's answer by e-mail and keep it with the inquiry.

    The first reply sets the inquiry to answered; later replies continue the
    thread. The mail goes out in the language the sender wrote in, Reply-To
    the secretariat.
    """
    text = body.strip()
    if not text:
        raise RuleError(_("Please write a reply before sending it."))
    with transaction.atomic():
        inquiry = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        answer = InquiryReply.objects.create(inquiry=inquiry, author=by, body=text)
        with translation.override(inquiry.language):
            greeting = salutation_for_name(inquiry.name)
        outbox.enqueue(
            to=inquiry.email,
            reply_to=settings.SECRETARIAT_EMAIL,
            template="groups/email/inquiry_reply",
            context={"inquiry": inquiry, "reply": answer, "salutation": greeting},
            key=f"groups.inquiry.{inquiry.pk}.reply.{answer.pk}",
            language=inquiry.language,
        )
        if inquiry.status == Inquiry.Status.NEW:
            inquiry.status = Inquiry.Status.ANSWERED
            inquiry.answered_at = timezone.now()
            inquiry.save(update_fields=["status", "answered_at"])
        audit.record(by, "groups.inquiry.replied", inquiry, data={"reply": answer.pk})
    return answer


def text_block(group: BalintGroup, kind: str, *, language: str = "de") -> str:
    """One paragraph about ``group`` for a reply, in ``language``.

    ``kind`` is one of TEXT_BLOCKS: the current fee (fees.fee_for), the free
    places now (with_free_places) or the next entry dates.
    """
    group = (
        BalintGroup.objects.with_free_places()
        .select_related("fee_schedule")
        .prefetch_related("fee_schedule__tiers")
        .get(pk=group.pk)
    )
    with translation.override(language):
        if kind == "fee":
            return _fee_text(group)
        if kind == "places":
            return _places_text(group)
        if kind == "entry_dates":
            return _entry_dates_text(group)
    raise ValueError(f"unknown text block {kind!r}")


def _money(value: object) -> str:
    return formats.number_format(value, 2, use_l10n=True, force_grouping=True)


def _fee_text(group: BalintGroup) -> str:
    fee = fees.fee_for(group)
    if fee is None:
        return gettext(
            "The fee for the group “%(group)s” has not been set yet; we will "
            "let you know as soon as it is."
        ) % {"group": group.title}
    return gettext(
        "The fee for the group “%(group)s” is %(price)s € per double session, "
        "that is %(total)s € per %(term)s (%(sessions)s double sessions)."
    ) % {
        "group": group.title,
        "price": _money(fee.per_session),
        "total": _money(fee.per_term),
        "term": fee.term_label,
        "sessions": fee.term_sessions,
    }


def _places_text(group: BalintGroup) -> str:
    if not group.free_places:
        return gettext(
            "The group “%(group)s” is fully booked at the moment; we would be "
            "glad to put you on its waiting list."
        ) % {"group": group.title}
    return ngettext(
        "In the group “%(group)s” %(free)s of %(capacity)s places is free at "
        "the moment.",
        "In the group “%(group)s” %(free)s of %(capacity)s places are free at "
        "the moment.",
        group.free_places,
    ) % {"group": group.title, "free": group.free_places, "capacity": group.capacity}


def _entry_dates_text(group: BalintGroup) -> str:
    today = timezone.localdate()
    upcoming = group.entry_dates.filter(starts_on__gte=today)[:ENTRY_DATES_SHOWN]
    if not upcoming:
        return gettext(
            "New participants can join the group “%(group)s” by arrangement; "
            "we will gladly agree a date with you."
        ) % {"group": group.title}
    days = ", ".join(formats.date_format(e.starts_on, "j. F Y") for e in upcoming)
    return ngettext(
        "The next entry date of the group “%(group)s” is %(dates)s.",
        "The next entry dates of the group “%(group)s” are %(dates)s.",
        len(upcoming),
    ) % {"group": group.title, "dates": days}
