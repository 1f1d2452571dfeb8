"""Memberships: a person in a group from a start until an end."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from balintkreis.groups.models.groups import BalintGroup


def _not_ended_on(day: datetime.date) -> Q:
    return Q(ended_on__isnull=True) | Q(ended_on__gt=day)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active_on(self, day: datetime.date) -> "MembershipQuerySet":
        """Memberships that have begun by ``day`` and not ended by it (the same
        test as ``Membership.is_active_on``)."""
        return self.filter(_not_ended_on(day), started_on__lte=day)

    def not_ended_on(self, day: datetime.date) -> "MembershipQuerySet":
        """Active on ``day`` or accepted for a later entry date."""
        return self.filter(_not_ended_on(day))

    def joining_after(self, day: datetime.date) -> "MembershipQuerySet":
        """Accepted, with an entry date after ``day``."""
        return self.filter(_not_ended_on(day), started_on__gt=day)


class Membership(models.Model):
    """A person's place in a group from an entry date; history is kept on leaving."""

    group = models.ForeignKey(
        BalintGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    started_on = models.DateField(_("member since"))
    ended_on = models.DateField(_("left on"), null=True, blank=True)
    end_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["group", "started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"],
                condition=Q(ended_on__isnull=True),
                name="membership_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.group}"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.started_on <= day and (self.ended_on is None or self.ended_on > day)
