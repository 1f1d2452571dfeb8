import datetime

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
