"""Calendar feeds (iCalendar, RFC 5545) behind secret-token addresses.

Times are written with TZID=Europe/Berlin plus a VTIMEZONE, so calendar apps
keep 18:00 at 18:00 across daylight-saving changes.
"""

import datetime
import secrets

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from balintkreis.accounts.models import User
from balintkreis.core import audit, dates
from balintkreis.core.links import absolute_url
from balintkreis.groups.models import BalintGroup, Membership
from balintkreis.meetings.models import CalendarFeed, Meeting

# Feeds show the last half year and everything planned.
PAST_DAYS = 183


def feed_for(
    user: User, *, scope: str, group: BalintGroup | None = None
) -> CalendarFeed:
    """The person's feed for a scope, created with a fresh token if missing."""
    feed, _created = CalendarFeed.objects.get_or_create(
        user=user,
        scope=scope,
        group=group,
        defaults={"token": secrets.token_urlsafe(32)},
    )
    return feed


def reset_token(feed: CalendarFeed, *, by: User) -> CalendarFeed:
    """Give a feed a new secret address; the old one stops working at once."""
    with transaction.atomic():
        feed.token = secrets.token_urlsafe(32)
        feed.save(update_fields=["token"])
        audit.record(by, "meetings.calendar.reset", feed, data={"scope": feed.scope})
    return feed


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _membership_dates(user: User, *, group_id: int | None = None) -> Q:
    """The meetings of the person's memberships: all dates of a running one,
    and only the dates from entry to leaving of one that ends (issue 11
    item 12); a group left earlier shows no future dates."""
    memberships = Membership.objects.filter(user=user)
    if group_id is not None:
        memberships = memberships.filter(group_id=group_id)
    dates = Q(pk__in=[])
    for membership in memberships:
        window = Q(group_id=membership.group_id)
        if membership.ended_on is not None:
            window &= Q(
                starts_at__gte=_midnight(membership.started_on),
                starts_at__lt=_midnight(membership.ended_on),
            )
        dates |= window
    return dates


def is_open(feed: CalendarFeed, *, today: datetime.date) -> bool:
    """A group feed ends with the membership: once the person has left the
    group (or was never in it) its address answers 404."""
    if not feed.user.is_active:
        return False
    if feed.scope != CalendarFeed.Scope.GROUP:
        return True
    return (
        Membership.objects.filter(user=feed.user, group_id=feed.group_id)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .exists()
    )


def meetings_for(feed: CalendarFeed) -> QuerySet[Meeting]:
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    meetings = Meeting.objects.filter(starts_at__gte=since).select_related("group")
    if feed.scope == CalendarFeed.Scope.LEADER:
        return meetings.led_by(feed.user)
    group_id = feed.group_id if feed.scope == CalendarFeed.Scope.GROUP else None
    return meetings.filter(_membership_dates(feed.user, group_id=group_id))


def render(meetings: QuerySet[Meeting], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Balintkreis//Sitzungen//DE")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    host = settings.SITE_URL.split("://", 1)[-1]
    now = timezone.now()
    for meeting in meetings:
        start = dates.local(meeting.starts_at)
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", now)
        event.add("sequence", meeting.sequence)
        event.add("dtstart", start)
        event.add("dtend", start + datetime.timedelta(minutes=meeting.duration_minutes))
        event.add("summary", meeting.group.title)
        event.add("location", meeting.place_label)
        event.add(
            "url",
            absolute_url("meetings:detail", meeting.group.slug, meeting.pk),
        )
        if meeting.is_cancelled:
            event.add("status", "CANCELLED")
            event.add(
                "description",
                _("Cancelled")
                + (f": {meeting.cancel_reason}" if meeting.cancel_reason else ""),
            )
        else:
            event.add("status", "CONFIRMED")
            if meeting.note:
                event.add("description", meeting.note)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical
