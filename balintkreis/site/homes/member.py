"""The member's section of the personal overview (issue 13 item 1).

``member_home(user, today=...)`` gathers everything the section shows: the
next dates of each group with the online room and "Ich kann nicht
teilnehmen", the Technik-Check hint, PSGV progress, certificates, open
feedback requests and votes, waiting-list positions and offers, and the
calendar subscription. The rules stay in their apps (meetings.attendance for
excusing, online.rooms for when a room is open, meetings.progress for PSGV,
groups.fees for an offer's fee); this module only reads, with a fixed number
of queries however many groups and meetings the person has (one more small
set per open offer, which is rare).
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.accounts.models import User
from balintkreis.billing import invoices as billing_invoices
from balintkreis.billing import status as invoice_status
from balintkreis.billing.models import Invoice
from balintkreis.cme.models import Certificate
from balintkreis.feedback.models import Poll, PresenterFeedback
from balintkreis.groups import fees, memberships, offers
from balintkreis.groups.models import Application, BalintGroup, Membership
from balintkreis.meetings import attendance, calendar, progress
from balintkreis.meetings.models import Attendance, CalendarFeed, Meeting
from balintkreis.online import rooms
from balintkreis.online.models import TechCheck

# How many of a group's next dates the section lists.
DATES_PER_GROUP = 3


@dataclass(frozen=True)
class DateRow:
    meeting: Meeting
    # The online room's address while it is open (online.rooms.join_state).
    join_url: str = ""
    # attendance.ExcuseState: "open", "excused" or "closed".
    excuse: str = attendance.ExcuseState.CLOSED
    excuse_url: str = ""
    excuse_note: str = ""


@dataclass(frozen=True)
class GroupDates:
    group: BalintGroup
    membership: Membership
    dates: list[DateRow]

    @property
    def is_joining(self) -> bool:
        return self.membership.started_on > timezone.localdate()


@dataclass(frozen=True)
class Progress:
    group: BalintGroup
    credited: int
    target: int
    percent: int
    reached: bool
    # What is still missing, in plain German sentences.
    missing: list[str]


@dataclass(frozen=True)
class Waiting:
    application: Application
    position: int

    @property
    def phrase(self) -> str:
        """ "Sie stehen auf Platz 3" – never "0 Personen vor Ihnen"."""
        if self.position == 1:
            return _("You are first on the waiting list.")
        return _("You are number %(position)d on the waiting list.") % {
            "position": self.position
        }


@dataclass(frozen=True)
class Offer:
    application: Application
    url: str
    fee: fees.EntryFee | None
    first_date: Meeting | None


@dataclass
class MemberHome:
    groups: list[GroupDates] = field(default_factory=list)
    # A hint to run the Technik-Check before this first online date.
    techcheck_before: Meeting | None = None
    progress: list[Progress] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    # (invoice, state) of the person's latest invoices (billing).
    invoices: list[tuple[Invoice, str]] = field(default_factory=list)
    feedback_requests: list[PresenterFeedback] = field(default_factory=list)
    open_polls: list[Poll] = field(default_factory=list)
    waiting: list[Waiting] = field(default_factory=list)
    offers: list[Offer] = field(default_factory=list)
    calendar_url: str = ""

    @property
    def webcal_url(self) -> str:
        return "webcal://" + self.calendar_url.split("://", 1)[-1]

    def __bool__(self) -> bool:
        """Shown to people who take part in a group or want to."""
        return bool(
            self.groups
            or self.progress
            or self.certificates
            or self.waiting
            or self.offers
            or self.feedback_requests
            or self.invoices
        )


SHOWN_INVOICES = 5


def member_home(
    user: User,
    *,
    today: datetime.date,
    now: datetime.datetime | None = None,
    site_url: str = "",
) -> MemberHome:
    """Everything the member's section shows. ``site_url`` (scheme and host,
    e.g. ``request.build_absolute_uri("/")``) makes the calendar address
    absolute."""
    now = now or timezone.now()
    home = MemberHome()
    current = [
        m
        for m in Membership.objects.filter(user=user)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=today))
        .select_related("group__leader", "group__co_leader")
        .order_by("group__title", "started_on")
    ]
    home.groups = _group_dates(user, current, today=today, now=now)
    home.techcheck_before = _techcheck_before(user, home.groups)
    home.progress = _progress(user, now=now)
    home.certificates = list(
        Certificate.objects.filter(user=user, revoked_at__isnull=True)
        .select_related("group", "meeting")
        .order_by("-issued_at")
    )
    home.feedback_requests = list(
        PresenterFeedback.objects.filter(presenter=user, submitted_at__isnull=True)
        .select_related("meeting__group")
        .order_by("requested_at")
    )
    active_groups = [m.group_id for m in current if m.is_active_on(today)]
    home.open_polls = list(
        Poll.objects.filter(group_id__in=active_groups, closed_at__isnull=True)
        .exclude(voters__user=user)
        .select_related("group")
        .order_by("opened_at")
    )
    home.waiting, home.offers = _applications(user, today=today, now=now)
    latest = list(
        billing_invoices.invoices_of(user).exclude(kind=Invoice.Kind.CANCELLATION)[
            :SHOWN_INVOICES
        ]
    )
    states = invoice_status.states(latest, today=today)
    home.invoices = [(invoice, states[invoice.pk]) for invoice in latest]
    if current:
        feed = calendar.feed_for(user, scope=CalendarFeed.Scope.MEMBER)
        path = reverse("meetings:calendar-feed", args=[feed.token])
        home.calendar_url = site_url.rstrip("/") + path
    return home


def _group_dates(
    user: User,
    current: list[Membership],
    *,
    today: datetime.date,
    now: datetime.datetime,
) -> list[GroupDates]:
    """The next dates of each group, with the room and the excuse state:
    two queries (the dates, numbered per group in SQL, and the person's own
    rows for them)."""
    if not current:
        return []
    by_group = {m.group_id: m for m in current}
    # An accepted member's dates begin with the entry date.
    from_entry = Q()
    for m in current:
        since = max(m.started_on, today)
        from_entry |= Q(group_id=m.group_id, starts_at__date__gte=since)
    next_dates = list(
        Meeting.objects.filter(from_entry, is_cancelled=False)
        .filter(starts_at__gte=now - datetime.timedelta(hours=6))
        .annotate(
            number=Window(
                RowNumber(), partition_by=F("group_id"), order_by=F("starts_at").asc()
            )
        )
        .filter(number__lte=DATES_PER_GROUP + 1)
        .order_by("starts_at")
    )
    own = {
        a.meeting_id: a
        for a in Attendance.objects.filter(
            user=user, meeting__in=[m.pk for m in next_dates]
        )
    }
    rows: dict[int, list[DateRow]] = {pk: [] for pk in by_group}
    for meeting in next_dates:
        membership = by_group[meeting.group_id]
        meeting.group = membership.group
        if meeting.ends_at < now or len(rows[meeting.group_id]) >= DATES_PER_GROUP:
            continue
        is_member_then = membership.is_active_on(meeting.local_date)
        if meeting.local_date < membership.started_on:
            continue
        state = attendance.excuse_state(
            meeting, own=own.get(meeting.pk), is_member_then=is_member_then, now=now
        )
        args = [meeting.group.slug, meeting.pk]
        join = (
            meeting.is_online
            and membership.is_active_on(today)
            and rooms.join_state(meeting, now=now) == "open"
        )
        rows[meeting.group_id].append(
            DateRow(
                meeting=meeting,
                join_url=reverse("online:room", args=[meeting.pk]) if join else "",
                excuse=state,
                excuse_url=reverse("meetings:excuse", args=args)
                if state != attendance.ExcuseState.CLOSED
                else "",
                excuse_note=own[meeting.pk].excuse_note if meeting.pk in own else "",
            )
        )
    return [GroupDates(m.group, m, rows[m.group_id]) for m in current]


def _techcheck_before(user: User, groups: list[GroupDates]) -> Meeting | None:
    """The first online date ahead, when the person has no passed check."""
    online = [row.meeting for g in groups for row in g.dates if row.meeting.is_online]
    if not online:
        return None
    check = TechCheck.objects.filter(user=user).first()
    if check is not None and check.is_ready:
        return None
    return min(online, key=lambda m: m.starts_at)


def _progress(user: User, *, now: datetime.datetime) -> list[Progress]:
    """PSGV progress per group (meetings.progress, three queries)."""
    result = []
    for p in progress.for_person(user, now=now):
        if not p.history and not p.upcoming_double_sessions:
            continue
        result.append(
            Progress(
                group=p.group,
                credited=p.credited,
                target=p.target,
                percent=p.percent,
                reached=p.psgv_reached,
                missing=progress.missing_in_words(p),
            )
        )
    return result


def _applications(
    user: User, *, today: datetime.date, now: datetime.datetime
) -> tuple[list[Waiting], list[Offer]]:
    """Waiting-list positions in one query for all groups; each open offer
    with its deadline, the fee from its entry date and the first date."""
    open_rows = list(
        Application.objects.filter(
            user=user,
            status__in=[Application.Status.WAITING, Application.Status.OFFERED],
        )
        .select_related("group__fee_schedule")
        .prefetch_related("group__fee_schedule__tiers")
        .order_by("created_at")
    )
    waiting_rows = [a for a in open_rows if a.status == Application.Status.WAITING]
    queue: dict[int, list[int]] = {}
    if waiting_rows:
        for pk, group_id in (
            Application.objects.waiting()
            .filter(group_id__in=[a.group_id for a in waiting_rows])
            .values_list("pk", "group_id")
        ):
            queue.setdefault(group_id, []).append(pk)
    waiting = [
        Waiting(application=a, position=queue[a.group_id].index(a.pk) + 1)
        for a in waiting_rows
        if a.pk in queue.get(a.group_id, [])
    ]
    offered = [
        a
        for a in open_rows
        if a.status == Application.Status.OFFERED and not a.offer_is_expired(now)
    ]
    result = []
    for application in offered:
        group = application.group
        entry_on = memberships.default_entry_on(group, today=today)
        first_date = (
            group.meetings.upcoming(now=now)
            .filter(starts_at__date__gte=entry_on)
            .order_by("starts_at")
            .first()
        )
        result.append(
            Offer(
                application=application,
                url=reverse("groups:offer", args=[offers.offer_token(application)]),
                fee=fees.entry_fee(group, entry_on=entry_on),
                first_date=first_date,
            )
        )
    return waiting, result
