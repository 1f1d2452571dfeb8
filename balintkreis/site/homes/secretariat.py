"""The secretariat's home: a work queue across every group.

What waits longest or expires soonest comes first: applications undecided
for more than ``SECRETARIAT_APPLICATION_WAIT_DAYS``, places offered from a
waiting list that expire within ``OFFER_REMINDER_HOURS`` (the same 48 hours
after which the applicant is reminded), overdue chamber reports by group,
new inquiries, interest-list signals, groups being formed, mail that
failed to send, open and overdue invoices (payments) and outside entries
of Balint records waiting for confirmation (record). Every group in it
links to the group's work pages, never to the public catalogue page.
Sixteen queries at most, whatever the data.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.safestring import SafeString

from balintkreis.accounts.models import User
from balintkreis.cme import deadlines
from balintkreis.core import fragments
from balintkreis.groups import access, interest
from balintkreis.groups.interest import InterestRow
from balintkreis.groups.models import Application, BalintGroup, Inquiry
from balintkreis.notifications.models import OutboxEmail
from balintkreis.payments import status as payment_status
from balintkreis.record.models import OutsideEntry
from balintkreis.site.homes.reports import GroupReports, by_group

# How many rows of the longer lists the home shows; the full lists are one
# link away (inbox, administration).
SHOWN = 10


@dataclass(frozen=True)
class SecretariatHome:
    wait_days: int
    stale_applications: list[Application]
    expiring_offers: list[Application]
    overdue_reports: list[GroupReports[deadlines.DueDate]]
    new_inquiries: list[Inquiry]
    new_inquiry_count: int
    interest: list[InterestRow]
    forming_groups: list[BalintGroup]
    failed_mail: list[OutboxEmail]
    failed_mail_count: int
    groups: list[BalintGroup]
    payments: payment_status.Summary
    # "All groups", one rendered row per group, shared (core/fragments.py).
    group_rows: list[SafeString]
    # The overdue reports, one rendered row per group, shared the same way.
    overdue_rows: list[SafeString]
    # Outside entries of Balint records waiting for confirmation (record
    # app, /balint-konto/bestaetigen/); the secretariat confirms all of them.
    record_entries_to_confirm: int = 0

    @property
    def has_tasks(self) -> bool:
        return bool(
            self.stale_applications
            or self.expiring_offers
            or self.overdue_reports
            or self.new_inquiry_count
            or self.failed_mail_count
            or self.payments.overdue_count
            or self.record_entries_to_confirm
        )


def secretariat_home(
    user: User, *, now: datetime.datetime | None = None
) -> SecretariatHome:
    now = now or timezone.now()
    wait_days = settings.SECRETARIAT_APPLICATION_WAIT_DAYS
    applications = Application.objects.filter(
        group__in=access.groups_with_right(user, access.Action.MANAGE_APPLICATIONS)
    ).select_related("user", "group")
    new_inquiries = Inquiry.objects.filter(status=Inquiry.Status.NEW)
    failed = OutboxEmail.objects.filter(status=OutboxEmail.Status.FAILED)
    groups = list(  # 1
        BalintGroup.objects.exclude(status=BalintGroup.Status.CLOSED)
        .select_related("leader", "co_leader")
        .defer("leader__efn", "co_leader__efn")
        .with_free_places()
        .annotate(
            pending=Count(
                "applications",
                filter=Q(applications__status=Application.Status.PENDING),
                distinct=True,
            ),
            waiting=Count(
                "applications",
                filter=Q(applications__status=Application.Status.WAITING),
                distinct=True,
            ),
        )
        .order_by("title")
    )
    overdue_reports = _overdue_by_group(user, now=now)  # 3, 5 with report entries
    return SecretariatHome(
        wait_days=wait_days,
        stale_applications=list(  # 1
            applications.filter(
                status=Application.Status.PENDING,
                created_at__lte=now - datetime.timedelta(days=wait_days),
            ).order_by("created_at", "pk")
        ),
        expiring_offers=list(  # 1
            applications.filter(
                status=Application.Status.OFFERED,
                offer_expires_at__lte=now
                + datetime.timedelta(hours=settings.OFFER_REMINDER_HOURS),
            ).order_by("offer_expires_at", "pk")
        ),
        overdue_reports=overdue_reports,
        new_inquiries=list(new_inquiries.select_related("group")[:SHOWN]),  # 1
        new_inquiry_count=new_inquiries.count(),  # 1
        interest=interest.overview(),  # 1
        forming_groups=[g for g in groups if g.status == BalintGroup.Status.FORMING],
        failed_mail=list(failed.order_by("-created_at")[:SHOWN]),  # 1
        failed_mail_count=failed.count(),  # 1
        groups=groups,
        payments=payment_status.summary(today=timezone.localdate(now)),  # 2
        group_rows=_group_rows(groups),
        record_entries_to_confirm=(  # 1
            OutsideEntry.objects.pending().for_confirmer(user).count()
        ),
        overdue_rows=_overdue_rows(overdue_reports),
    )


def _group_rows(groups: list[BalintGroup]) -> list[SafeString]:
    """Every group's row, rendered once per shown data: its fields, counts
    and leader's name are the key, so a change shows at once."""
    return fragments.render_many(
        "site/home/_secretariat_group.html",
        [
            (
                (fragments.model_values(group), group.leader.display_name),
                {"group": group},
            )
            for group in groups
        ],
    )


def _overdue_rows(rows: list[GroupReports[deadlines.DueDate]]) -> list[SafeString]:
    """Every group's line of overdue reports, rendered once per shown data:
    what the line shows (group, first meeting and its deadline, number of
    dates and of open lines, time zone) is the key, so a change shows at
    once."""
    zone = timezone.get_current_timezone_name()
    return fragments.render_many(
        "site/home/_secretariat_overdue.html",
        [
            (
                (
                    row.group.pk,
                    row.group.slug,
                    row.group.title,
                    row.first.meeting_id,
                    row.first.due_at,
                    len(row.reports),
                    row.open_lines,
                    zone,
                ),
                {"row": row},
            )
            for row in rows
        ],
    )


def _overdue_by_group(
    user: User, *, now: datetime.datetime
) -> list[GroupReports[deadlines.DueDate]]:
    """Thousands of dates across every group: plain values, not meetings
    (``deadlines.due_dates``, issue 17)."""
    overdue = [
        date
        for date in deadlines.due_dates(leader=user, now=now)
        if date.is_overdue(now)
    ]
    return by_group(overdue, now=now)
