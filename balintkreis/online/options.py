"""What the leader sets for online meetings (issue 15 items 4–6): a fallback
video link per meeting, the silent phase, and the group's technical contact."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import audit
from balintkreis.core.errors import RuleError
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.meetings.models import Meeting
from balintkreis.online.models import MeetingOptions, TechnicalContact


def options_for(meeting: Meeting) -> MeetingOptions | None:
    return MeetingOptions.objects.filter(meeting=meeting).first()


def fallback_url(meeting: Meeting) -> str:
    options = options_for(meeting)
    return options.fallback_url if options else ""


def set_fallback_url(meeting: Meeting, *, url: str, by: User) -> MeetingOptions:
    """Set or clear the meeting's fallback link. With a link, presence for
    the meeting comes only from the leader's attendance sheet (DOMAIN.md R3):
    the page sends no heartbeats and no attendance is proposed."""
    with transaction.atomic():
        options, _created = MeetingOptions.objects.select_for_update().get_or_create(
            meeting=meeting
        )
        options.fallback_url = url
        options.full_clean()
        options.save(update_fields=["fallback_url"])
        audit.record(by, "online.fallback_url.set", meeting, data={"is_set": bool(url)})
    return options


class PresenceFromSheetOnly(RuleError):
    pass


def check_presence_from_page(meeting: Meeting) -> None:
    """Proposals from the page count only without a fallback link (item 4)."""
    if fallback_url(meeting):
        raise PresenceFromSheetOnly(
            _(
                "This meeting had a fallback video link; please record the "
                "attendance in the attendance sheet."
            )
        )


def is_silent(meeting_id: int) -> bool:
    """Whether the leader marked a silent phase (the panel reads it in its
    own query, presence.panel)."""
    return MeetingOptions.objects.filter(
        meeting_id=meeting_id, silent_since__isnull=False
    ).exists()


def set_silence(
    meeting_id: int, *, silent: bool, now: datetime.datetime | None = None
) -> bool:
    """Start or end the silent phase; every panel shows it (seed 003:
    silences were mistaken for broken lines)."""
    now = now or timezone.now()
    options, _created = MeetingOptions.objects.get_or_create(meeting_id=meeting_id)
    options.silent_since = now if silent else None
    options.save(update_fields=["silent_since"])
    return silent


class ContactRefused(RuleError):
    pass


def contact_for(group: BalintGroup) -> TechnicalContact | None:
    return TechnicalContact.objects.filter(group=group).select_related("person").first()


def may_be_contact(group: BalintGroup, person: User) -> bool:
    """A current member or the co-leader of the group."""
    if person.pk == group.co_leader_id:
        return True
    return (
        Membership.objects.active_on(timezone.localdate())
        .filter(group=group, user=person)
        .exists()
    )


def name_contact(
    group: BalintGroup,
    *,
    person: User | None,
    phone: str,
    email: str,
    is_moderator: bool,
    by: User,
) -> TechnicalContact:
    """Name (or clear, with ``person=None``) the group's technical contact."""
    if person is not None and not may_be_contact(group, person):
        raise ContactRefused(
            _("The technical contact must be a member or the co-leader of the group.")
        )
    with transaction.atomic():
        contact, _created = TechnicalContact.objects.select_for_update().get_or_create(
            group=group
        )
        contact.person = person
        contact.phone = phone
        contact.email = email
        contact.is_moderator = is_moderator and person is not None
        contact.full_clean()
        contact.save()
        audit.record(
            by,
            "online.technical_contact.named",
            group,
            data={"person": person.pk if person else None},
        )
    return contact


def is_contact_moderator(group: BalintGroup, user: User) -> bool:
    """The technical contact is a Jitsi moderator when the leader chose so."""
    return TechnicalContact.objects.filter(
        group=group, person=user, is_moderator=True
    ).exists()
