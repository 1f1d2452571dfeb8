import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import Chamber
from balintkreis.core.fields import EncryptedTextField
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Attendance, Meeting


class EventNumberQuerySet(models.QuerySet["EventNumber"]):
    def covering(self, meeting: Meeting) -> "EventNumberQuerySet":
        """VNRs that apply to a meeting: its own, or the group's term VNR."""
        day = meeting.local_date
        return self.filter(group_id=meeting.group_id).filter(
            Q(meeting=meeting)
            | Q(
                meeting__isnull=True,
                valid_from__lte=day,
                valid_until__gte=day,
            )
        )


class EventNumber(models.Model):
    """A Veranstaltungsnummer (VNR) of a group term or of one meeting (R2).

    The points are the ones the chamber awarded in its Bescheid; the category
    C calculator only suggests a value (R5).
    """

    group = models.ForeignKey(
        BalintGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="event_numbers",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("only for meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="event_numbers",
        help_text=_("Leave empty when the number covers the whole term."),
    )
    vnr = models.CharField(_("VNR"), max_length=19, unique=True)
    chamber = models.ForeignKey(
        Chamber,
        verbose_name=_("accrediting chamber"),
        on_delete=models.PROTECT,
        related_name="event_numbers",
    )
    category = models.CharField(_("category"), max_length=2, default="C")
    points = models.PositiveSmallIntegerField(
        _("points per date"),
        help_text=_("As awarded by the chamber in its Bescheid."),
    )
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))
    password = EncryptedTextField(
        _("VNR password"),
        blank=True,
        help_text=_("Stored encrypted and never shown again."),
    )
    bescheid = models.FileField(
        _("scan of the Bescheid"), upload_to="bescheide/", blank=True
    )
    luhn_overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("check digit override by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EventNumberQuerySet.as_manager()

    class Meta:
        verbose_name = _("event number (VNR)")
        verbose_name_plural = _("event numbers (VNR)")
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=models.F("valid_from")),
                name="event_number_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.vnr

    @property
    def has_password(self) -> bool:
        return bool(self.password)

    @property
    def vnr_grouped(self) -> str:
        v = self.vnr
        return f"{v[:3]} {v[3:6]} {v[6:10]} {v[10:18]} {v[18:]}"


class CertificateQuerySet(models.QuerySet["Certificate"]):
    def valid(self) -> "CertificateQuerySet":
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """An issued Teilnahmebescheinigung (per meeting, R12) or a
    Bescheinigung über Balintgruppenteilnahme (per term, R6).

    ``data`` is a snapshot of what the PDF shows, so the document stays the
    same when meetings change later; the EFN is read from the person's
    encrypted field when the PDF is rendered and never copied here.
    """

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Certificate of attendance (one date)")
        TERM = "term", _("Certificate of Balint group participation")

    number = models.CharField(_("number"), max_length=30, unique=True)
    code = models.CharField(_("verification code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("participant"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    group = models.ForeignKey(
        BalintGroup,
        verbose_name=_("group"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    period_from = models.DateField(_("from"))
    period_until = models.DateField(_("until"))
    double_sessions = models.PositiveSmallIntegerField(_("double sessions"))
    points = models.PositiveSmallIntegerField(_("CME points"))
    data = models.JSONField(_("content"), default=dict)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_reason = models.TextField(_("reason for the revocation"), blank=True)
    replaced_by = models.OneToOneField(
        "self",
        verbose_name=_("replaced by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaces",
    )

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at", "-pk"]
        # One valid certificate per fact: per person and meeting, and per
        # person, group and period. A correction revokes the old one first.
        constraints = [
            models.UniqueConstraint(
                fields=["user", "meeting"],
                condition=Q(kind="meeting", revoked_at__isnull=True),
                name="certificate_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["user", "group", "period_from", "period_until"],
                condition=Q(kind="term", revoked_at__isnull=True),
                name="certificate_once_per_term_period",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class ReportEntry(models.Model):
    """The report status of one attendance at the chamber's EIV (R4)."""

    class Status(models.TextChoices):
        REPORTED = "reported", _("reported")
        FAILED = "failed", _("refused by the EIV")
        RETRACTED = "retracted", _("retracted")
        PAPER = "paper", _("paper route")
        # Resolved by the leader: the line cannot be reported electronically.
        NO_EFN = "no_efn", _("no EFN – not reportable")
        PAPER_HANDED_OUT = "paper_handed_out", _("certificate handed out on paper")

    class Method(models.TextChoices):
        MANUAL = "manual", _("entered by hand at punktemeldung.eiv-fobi.de")
        API = "api", _("EIV interface")

    attendance = models.OneToOneField(
        Attendance,
        verbose_name=_("attendance"),
        on_delete=models.PROTECT,
        related_name="report",
    )
    event_number = models.ForeignKey(
        EventNumber,
        verbose_name=_("VNR"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="report_entries",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    first_submitted_at = models.DateTimeField(_("first submitted at"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_http_status = models.PositiveSmallIntegerField(
        _("last answer (HTTP status)"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("report entry")
        verbose_name_plural = _("report entries")

    def __str__(self) -> str:
        return f"{self.attendance_id}: {self.get_status_display()}"

    def correction_window_ends_at(self, *, days: int) -> datetime.datetime:
        return self.first_submitted_at + datetime.timedelta(days=days)
