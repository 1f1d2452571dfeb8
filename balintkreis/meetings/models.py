import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balintkreis.groups.models import BalintGroup


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, *, now: datetime.datetime | None = None) -> "MeetingQuerySet":
        return self.filter(starts_at__gte=now or timezone.now(), is_cancelled=False)


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

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"{self.group} {self.starts_at:%d.%m.%Y %H:%M}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class Attendance(models.Model):
    """Whether a member attended a meeting: the proof for the chamber (R3).

    Only confirmed attendance counts for certificates and reports; rows are
    never deleted when a person leaves the group.
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
    mode = models.CharField(
        _("mode"),
        max_length=20,
        choices=Meeting.Format.choices,
        default=Meeting.Format.IN_PERSON,
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

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="attendance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.meeting}: {self.get_status_display()}"

    @property
    def counts(self) -> bool:
        """Counts toward certificates: confirmed and present (late counts too)."""
        return self.confirmed_at is not None and self.status in (
            self.Status.PRESENT,
            self.Status.LATE,
        )
