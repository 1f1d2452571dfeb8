"""Fee schedules: the price per double session by group size."""

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class FeeSchedule(models.Model):
    """A price list shared by groups: price per double session by group size."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("Shown with the fee, e.g. reductions for people in training."),
    )

    class Meta:
        verbose_name = _("fee schedule")
        verbose_name_plural = _("fee schedules")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class FeeTier(models.Model):
    schedule = models.ForeignKey(
        FeeSchedule,
        verbose_name=_("fee schedule"),
        on_delete=models.CASCADE,
        related_name="tiers",
    )
    min_size = models.PositiveSmallIntegerField(_("from group size"))
    max_size = models.PositiveSmallIntegerField(_("up to group size"))
    price_per_session = models.DecimalField(
        _("price per double session (EUR)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        verbose_name = _("fee tier")
        verbose_name_plural = _("fee tiers")
        ordering = ["schedule", "min_size"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_size__lte=F("max_size")), name="fee_tier_range_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.min_size}–{self.max_size}: {self.price_per_session} €"
