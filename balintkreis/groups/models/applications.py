"""Applications, the waiting list and the interest list."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balintkreis.core.regions import RegionOrNationwide
from balintkreis.groups.models.groups import BalintGroup
from balintkreis.groups.models.memberships import Membership


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> "ApplicationQuerySet":
        return self.filter(status__in=Application.OPEN_STATUSES)

    def waiting(self) -> "ApplicationQuerySet":
        """The waiting list, first in line first."""
        return self.filter(status=Application.Status.WAITING).order_by(
            "waiting_rank", "pk"
        )

    def holding_places(self) -> "ApplicationQuerySet":
        return self.filter(status__in=Application.PLACE_HOLDING)


class Application(models.Model):
    """One person's wish to join one group, from applying to the outcome.

    While it is ``pending`` (waiting for the leader's decision) or ``offered``
    (a freed place offered from the waiting list) it holds a place: active
    members plus these open offers never exceed the capacity (waiting_list.py).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the decision")
        WAITING = "waiting", _("on the waiting list")
        OFFERED = "offered", _("place offered")
        ACCEPTED = "accepted", pgettext_lazy("application status", "accepted")
        DECLINED = "declined", pgettext_lazy("application status", "declined")
        OFFER_DECLINED = "offer_declined", _("offer turned down")
        EXPIRED = "expired", _("offer expired")
        WITHDRAWN = "withdrawn", _("withdrawn")

    OPEN_STATUSES = (Status.PENDING, Status.WAITING, Status.OFFERED)
    PLACE_HOLDING = (Status.PENDING, Status.OFFERED)

    group = models.ForeignKey(
        BalintGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    message = models.TextField(_("message to the leader"), blank=True)
    confidentiality_version = models.CharField(
        _("confidentiality agreement version"), max_length=40
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, db_index=True
    )
    waiting_rank = models.PositiveIntegerField(
        _("place in the waiting list"), null=True, blank=True
    )
    offered_at = models.DateTimeField(_("offered at"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(
        _("offer valid until"), null=True, blank=True
    )
    offer_reminded_at = models.DateTimeField(
        _("reminder sent at"), null=True, blank=True
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decision_note = models.TextField(_("note or reason"), blank=True)
    entry_on = models.DateField(_("entry date"), null=True, blank=True)
    remaining_sessions = models.PositiveSmallIntegerField(
        _("double sessions left in the term"), null=True, blank=True
    )
    prorated_fee = models.DecimalField(
        _("fee for the rest of the term (EUR)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
    )
    membership = models.OneToOneField(
        Membership,
        verbose_name=_("membership"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(status__in=["pending", "waiting", "offered"]),
                name="application_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="waiting") | Q(waiting_rank__isnull=False),
                name="application_waiting_has_rank",
            ),
            models.CheckConstraint(
                condition=~Q(status="offered") | Q(offer_expires_at__isnull=False),
                name="application_offer_has_expiry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.group}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATUSES

    def offer_is_expired(self, now: datetime.datetime) -> bool:
        return self.offer_expires_at is not None and self.offer_expires_at <= now


class InterestListEntry(models.Model):
    """Someone who would join any suitable group in a region and format."""

    Region = RegionOrNationwide

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="interest_entries",
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    format = models.CharField(
        _("format"), max_length=20, choices=BalintGroup.Format.choices
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    ended_at = models.DateTimeField(_("removed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("interest list entry")
        verbose_name_plural = _("interest list entries")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "region", "format"],
                condition=Q(ended_at__isnull=True),
                name="interest_one_open_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_region_display()}, {self.get_format_display()}"
