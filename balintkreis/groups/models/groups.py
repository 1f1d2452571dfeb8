"""The Balint group, its entry dates and the catalogue's queryset."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balintkreis.accounts.models import Chamber, User
from balintkreis.groups.models.fees import FeeSchedule

HARD_CAPACITY_LIMIT = 15
USUAL_CAPACITY = 12


def _count(rows: models.QuerySet) -> Coalesce:
    """A correlated COUNT of ``rows`` per group, for annotations."""
    counted = (
        rows.filter(group=OuterRef("pk"))
        .order_by()
        .values("group")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


class BalintGroupQuerySet(models.QuerySet):
    def listed(self) -> "BalintGroupQuerySet":
        """Groups shown in the public catalogue."""
        return self.filter(
            status__in=[BalintGroup.Status.OPEN, BalintGroup.Status.FORMING]
        )

    def led_by(self, user: User) -> "BalintGroupQuerySet":
        return self.filter(Q(leader=user) | Q(co_leader=user))

    def with_free_places(
        self, *, on: datetime.date | None = None
    ) -> "BalintGroupQuerySet":
        """Annotate ``active_members``, ``joining_members``, ``open_offers`` and
        ``free_places`` (never below zero).

        A place is taken by every membership not ended by ``on``: the active
        ones and those accepted for a later entry date (``joining_members``),
        and by every open offer: an application waiting for the leader's
        decision or a place offered from the waiting list (waiting_list.py).
        """
        from balintkreis.groups.models.applications import Application
        from balintkreis.groups.models.memberships import Membership

        today = on or timezone.localdate()
        return self.annotate(
            active_members=_count(Membership.objects.active_on(today)),
            joining_members=_count(Membership.objects.joining_after(today)),
            open_offers=_count(
                Application.objects.filter(status__in=Application.PLACE_HOLDING)
            ),
        ).annotate(
            free_places=Greatest(
                F("capacity")
                - F("active_members")
                - F("joining_members")
                - F("open_offers"),
                Value(0),
            ),
        )

    def with_catalogue_data(self) -> "BalintGroupQuerySet":
        return (
            self.select_related("leader", "co_leader", "chamber", "fee_schedule")
            # Public pages show the leaders' names, never their EFN: not
            # decrypted for every card (issue 17).
            .defer("leader__efn", "co_leader__efn")
            .prefetch_related("fee_schedule__tiers", "entry_dates")
            .with_free_places()
            .annotate(sort_city=Coalesce("city", Value("")))
        )


class BalintGroup(models.Model):
    """A continuous Balint group under an accredited leader (DOMAIN.md R7)."""

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    class Rhythm(models.TextChoices):
        WEEKLY = "weekly", _("weekly")
        BIWEEKLY = "biweekly", _("every two weeks")
        MONTHLY = "monthly", _("monthly")
        BLOCK = "block", _("block Saturdays")

    class Weekday(models.IntegerChoices):
        MONDAY = 0, _("Monday")
        TUESDAY = 1, _("Tuesday")
        WEDNESDAY = 2, _("Wednesday")
        THURSDAY = 3, _("Thursday")
        FRIDAY = 4, _("Friday")
        SATURDAY = 5, _("Saturday")
        SUNDAY = 6, _("Sunday")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("group status", "open")
        FORMING = "forming", _("being formed")
        PAUSED = "paused", _("paused")
        CLOSED = "closed", pgettext_lazy("group status", "closed")

    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("short name in the address"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    city = models.CharField(_("city"), max_length=80, blank=True)
    venue = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("Name and address of the room; empty for online groups."),
    )
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("leader"),
        on_delete=models.PROTECT,
        related_name="led_groups",
    )
    co_leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("co-leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="co_led_groups",
    )
    capacity = models.PositiveSmallIntegerField(
        _("places"),
        default=USUAL_CAPACITY,
        validators=[MinValueValidator(3), MaxValueValidator(HARD_CAPACITY_LIMIT)],
        help_text=_("Usually 8 to 12; more than 12 only in exceptions, at most 15."),
    )
    min_size = models.PositiveSmallIntegerField(
        _("minimum size"),
        default=8,
        help_text=_("The group starts or continues from this number of participants."),
    )
    rhythm = models.CharField(_("rhythm"), max_length=20, choices=Rhythm.choices)
    weekday = models.PositiveSmallIntegerField(
        _("weekday"), choices=Weekday.choices, null=True, blank=True
    )
    starts_at = models.TimeField(_("start time"), null=True, blank=True)
    session_minutes = models.PositiveSmallIntegerField(
        _("length of a double session (minutes)"),
        default=90,
        validators=[MinValueValidator(45), MaxValueValidator(240)],
    )
    sessions_per_date = models.PositiveSmallIntegerField(
        _("double sessions per date"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Block Saturdays usually have three double sessions."),
    )
    rhythm_note = models.CharField(
        _("rhythm in words"),
        max_length=200,
        blank=True,
        help_text=_("For example: every second Wednesday, 18:00–19:30"),
    )
    audience = models.CharField(
        _("audience"),
        max_length=300,
        blank=True,
        default=_(
            "Physicians of all specialties, psychologists and colleagues in training"
        ),
    )
    chamber = models.ForeignKey(
        Chamber,
        verbose_name=_("recognised by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="groups",
    )
    cme_category = models.CharField(_("CME category"), max_length=2, default="C")
    points_per_session = models.PositiveSmallIntegerField(
        _("CME points per double session"),
        default=3,
        help_text=_(
            "As awarded by the chamber; 90 minutes in category C usually give 3."
        ),
    )
    counts_for_psgv = models.BooleanField(
        _("counts toward Psychosomatische Grundversorgung"), default=True
    )
    counts_for_specialist_training = models.BooleanField(
        _("counts toward specialist training"), default=True
    )
    cooperation_partner = models.CharField(
        _("cooperation partner"), max_length=200, blank=True
    )
    fee_schedule = models.ForeignKey(
        FeeSchedule,
        verbose_name=_("fee schedule"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="groups",
    )
    term_sessions = models.PositiveSmallIntegerField(
        _("double sessions per term"),
        default=10,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    term_label = models.CharField(
        _("term"),
        max_length=60,
        default=_("half-year"),
        help_text=_("What one term is called, e.g. Halbjahr or Kurs."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    fee_and_places_on_request = models.BooleanField(
        _("fee and free places only on request"),
        default=False,
        help_text=_(
            "The catalogue and the group page then say “on request” instead of "
            "the fee and the free places, with a button to ask the secretariat."
        ),
    )
    accepts_automatically = models.BooleanField(
        _("accept applications automatically"),
        default=False,
        help_text=_(
            "While places are free, applicants become members at once, without "
            "waiting for the leader's decision."
        ),
    )
    term_started_on = models.DateField(
        _("current term started on"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = BalintGroupQuerySet.as_manager()

    # Only on rows of BalintGroupQuerySet.with_free_places() (an annotation).
    free_places: int

    class Meta:
        verbose_name = _("Balint group")
        verbose_name_plural = _("Balint groups")
        ordering = ["city", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=3) & Q(capacity__lte=HARD_CAPACITY_LIMIT),
                name="group_capacity_within_hard_limit",
            ),
            models.CheckConstraint(
                condition=Q(min_size__lte=F("capacity")),
                name="group_min_size_le_capacity",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_online_capable(self) -> bool:
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def double_session_hours(self) -> int:
        """Units per date: one 90-minute double session = 2 units (R6)."""
        return 2 * self.sessions_per_date

    def leaders(self) -> list[User]:
        return [u for u in (self.leader, self.co_leader) if u is not None]

    def is_led_by(self, user: User) -> bool:
        """The person is the group's leader or co-leader (no query)."""
        return user.pk is not None and user.pk in (self.leader_id, self.co_leader_id)


class EntryDate(models.Model):
    """A date on which new participants can join a running group."""

    group = models.ForeignKey(
        BalintGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="entry_dates",
    )
    starts_on = models.DateField(_("entry date"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("entry date")
        verbose_name_plural = _("entry dates")
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "starts_on"], name="entry_date_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} {self.starts_on:%d.%m.%Y}"

    def clean(self) -> None:
        """An entry date is the day of one of the group's planned meetings."""
        if self.group_id is None or self.starts_on is None:
            return
        planned = self.group.meetings.filter(is_cancelled=False)
        if planned.filter(starts_at__date=self.starts_on).exists():
            return
        raise ValidationError(
            {
                "starts_on": _(
                    "The group has no planned meeting on %(date)s. Please choose "
                    "the day of a planned meeting (plan the meetings first)."
                )
                % {"date": self.starts_on.strftime("%d.%m.%Y")}
            }
        )
