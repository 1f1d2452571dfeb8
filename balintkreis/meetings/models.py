import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core import dates
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings import credit


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, *, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.filter(starts_at__gte=now or timezone.now(), is_cancelled=False)

    def held(self, *, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.filter(starts_at__lt=now or timezone.now(), is_cancelled=False)

    def for_member(self, user: User) -> "MeetingQuerySet":
        """Meetings of every group the person belongs or belonged to."""
        return self.filter(group__memberships__user=user).distinct()

    def led_by(self, user: User) -> "MeetingQuerySet":
        return self.filter(Q(group__leader=user) | Q(group__co_leader=user))


class Meeting(models.Model):
    """One date of a group (Sitzung), possibly with several double sessions."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")

    group = models.ForeignKey(
        BalintGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=90
    )
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    double_sessions = models.PositiveSmallIntegerField(
        _("double sessions"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("One double session is 90 minutes; block Saturdays have three."),
    )
    note = models.CharField(_("note for members"), max_length=300, blank=True)
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=300, blank=True
    )
    sequence = models.PositiveIntegerField(
        _("revision"),
        default=0,
        help_text=_("Raised on every change so calendars update the entry."),
    )
    attendance_confirmed_at = models.DateTimeField(
        _("attendance confirmed at"), null=True, blank=True
    )
    attendance_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("attendance confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("group leader at the time"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_(
            "The group's fixed leader when attendance was confirmed; a change "
            "of leader starts a new PSGV series (R6)."
        ),
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.group} {dates.local(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_online(self) -> bool:
        return self.format == self.Format.ONLINE

    @property
    def fixed_leader_id(self) -> int | None:
        """Who led the group on this date (R6): recorded at confirmation,
        else the group's leader now."""
        return self.leader_id or self.group.leader_id

    @property
    def units(self) -> int:
        """Teaching units: one double session = 2 units ("Stunden"), R6."""
        return 2 * self.double_sessions

    @property
    def local_date(self) -> datetime.date:
        return dates.local(self.starts_at).date()

    @property
    def place_label(self) -> str:
        return str(_("online")) if self.is_online else self.place


class AttendanceQuerySet(models.QuerySet["Attendance"]):
    def counting(self) -> "AttendanceQuerySet":
        """Rows that count for CME (meetings/credit.py, R3/R12)."""
        return self.filter(credit.counts_for_cme_q())


class Attendance(models.Model):
    """Whether a member attended a meeting: the proof for the chamber (R3).

    Only complete, confirmed attendance counts for certificates and reports
    (``meetings/credit.py``); rows are never deleted when a person leaves the
    group.
    """

    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        LATE = "late", _("late")
        EXCUSED = "excused", _("excused")
        ABSENT = "absent", _("absent")

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    minutes_missed = models.PositiveSmallIntegerField(
        _("minutes missed"),
        null=True,
        blank=True,
        help_text=_("Only for late arrival (or leaving early): minutes missed."),
    )
    mode = models.CharField(
        _("mode"),
        max_length=20,
        choices=Meeting.Format.choices,
        default=Meeting.Format.IN_PERSON,
    )
    excuse_note = models.CharField(
        _("note to the leader"),
        max_length=300,
        blank=True,
        help_text=_("What a member who excused themselves wrote to the leader."),
    )
    joined_at = models.DateTimeField(_("joined at"), null=True, blank=True)
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once"),
            models.CheckConstraint(
                condition=Q(status="late") | Q(minutes_missed__isnull=True),
                name="attendance_minutes_missed_only_when_late",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.meeting}: {self.get_status_display()}"

    @property
    def counts(self) -> bool:
        """Counts for CME: the one rule in ``meetings/credit.py`` (R3, R12)."""
        return credit.counts_for_cme(self)


class CasePresentation(models.Model):
    """Who presented a case and a short pseudonymous theme, nothing more (R7, R11)."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.PROTECT,
        related_name="case_presentations",
    )
    presenter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("presented by"),
        on_delete=models.PROTECT,
        related_name="case_presentations",
    )
    theme = models.CharField(
        _("short theme"),
        max_length=120,
        help_text=_(
            "A short, non-identifying label such as "
            "“Fall 1, Hausarztpraxis”. No patient data."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("noted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("noted at"), auto_now_add=True)

    class Meta:
        verbose_name = _("case presentation")
        verbose_name_plural = _("case presentations")
        ordering = ["meeting__starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.presenter} – {self.theme}"


class CalendarFeed(models.Model):
    """A secret calendar address (iCalendar) of one person for one scope."""

    class Scope(models.TextChoices):
        MEMBER = "member", _("all my groups")
        GROUP = "group", _("one group")
        LEADER = "leader", _("groups I lead")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
    )
    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    group = models.ForeignKey(
        BalintGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "scope"],
                condition=Q(group__isnull=True),
                name="calendar_feed_once_per_scope",
            ),
            models.UniqueConstraint(
                fields=["user", "group"],
                condition=Q(group__isnull=False),
                name="calendar_feed_once_per_group",
            ),
            models.CheckConstraint(
                condition=Q(scope="group", group__isnull=False)
                | (~Q(scope="group") & Q(group__isnull=True)),
                name="calendar_feed_group_only_for_group_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_scope_display()}"
