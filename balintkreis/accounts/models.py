from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balintkreis.accounts import efn as efn_rules
from balintkreis.accounts import salutation as salutation_rules
from balintkreis.core.fields import EncryptedTextField


class Chamber(models.Model):
    """A Landesärztekammer or Psychotherapeutenkammer, with its reporting rules."""

    class Kind(models.TextChoices):
        PHYSICIANS = "physicians", _("Chamber of physicians")
        PSYCHOTHERAPISTS = "psychotherapists", _("Chamber of psychotherapists")

    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=20)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.PHYSICIANS
    )
    report_within_days = models.PositiveSmallIntegerField(
        _("report attendance within (days)"),
        default=8,
        help_text=_("Deadline for reporting attendance to the EIV (DOMAIN.md R4)."),
    )

    class Meta:
        verbose_name = _("chamber")
        verbose_name_plural = _("chambers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(
        self, email: str, password: str | None = None, **extra: object
    ) -> "User":
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(
        self, email: str, password: str | None = None, **extra: object
    ) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_secretariat", True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """A person: participant, leader, secretariat or mentor. E-mail is the log-in."""

    class Title(models.TextChoices):
        NONE = "", _("no title")
        DR = "Dr. med.", "Dr. med."
        DR_PHIL = "Dr. phil.", "Dr. phil."
        DR_RER_NAT = "Dr. rer. nat.", "Dr. rer. nat."
        DIPL_PSYCH = "Dipl.-Psych.", "Dipl.-Psych."
        PD_DR = "PD Dr. med.", "PD Dr. med."
        PROF_DR = "Prof. Dr. med.", "Prof. Dr. med."

    class FormOfAddress(models.TextChoices):
        NONE = "", pgettext_lazy("form of address", "not specified")
        MS = salutation_rules.FEMALE, pgettext_lazy("form of address", "Ms")
        MR = salutation_rules.MALE, pgettext_lazy("form of address", "Mr")

    class Profession(models.TextChoices):
        PHYSICIAN = "physician", _("Physician (female/male)")
        PSYCHOTHERAPIST = (
            "psychotherapist",
            _("Psychological psychotherapist (female/male)"),
        )
        PSYCHOLOGIST = "psychologist", _("Psychologist (female/male)")
        TRAINEE = "trainee", _("In specialist training")

    # The e-mail address is the log-in; django-stubs cannot express removing
    # an inherited field.
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    form_of_address = models.CharField(
        _("form of address"),
        max_length=4,
        choices=FormOfAddress.choices,
        blank=True,
        help_text=_("How our letters greet you: “Sehr geehrte Frau …”, or neutral."),
    )
    title = models.CharField(
        _("title"), max_length=20, choices=Title.choices, blank=True
    )
    profession = models.CharField(
        _("profession"), max_length=20, choices=Profession.choices, blank=True
    )
    specialty = models.CharField(
        _("specialty"),
        max_length=120,
        blank=True,
        help_text=_("For example: Allgemeinmedizin, Innere Medizin, Gynäkologie"),
    )
    chamber = models.ForeignKey(
        Chamber,
        verbose_name=_("chamber"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    efn = EncryptedTextField(
        _("EFN"),
        blank=True,
        help_text=_(
            "Your 15-digit Einheitliche Fortbildungsnummer from your Fortbildungsausweis."
        ),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    language = models.CharField(
        _("language of e-mails"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="de",
    )
    meeting_reminders = models.BooleanField(
        _("e-mail reminder before each meeting"),
        default=True,
        help_text=_(
            "A day before each meeting of your groups: date, time, place or the "
            "online link, and a calendar entry."
        ),
    )
    is_secretariat = models.BooleanField(
        pgettext_lazy("role", "secretariat"),
        default=False,
        help_text=_("Staff of the institute who manage groups and registrations."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # django-stubs types AbstractUser.objects as Django's username-based manager.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        name = " ".join(p for p in (self.title, self.first_name, self.last_name) if p)
        return name or self.email

    def letter_salutation(self) -> str:
        """The opening line of a letter to this person, in the active language
        (accounts/salutation.py); the outbox gives it to every mail."""
        return salutation_rules.salutation(
            form=self.form_of_address,
            title=self.title,
            first_name=self.first_name,
            last_name=self.last_name,
        )

    @property
    def efn_masked(self) -> str:
        return efn_rules.mask(self.efn)

    @property
    def is_leader(self) -> bool:
        return hasattr(self, "leader_profile")


class LeaderProfile(models.Model):
    """The leader role: qualification and recognitions (DOMAIN.md R8)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="leader_profile",
    )
    qualification = models.CharField(
        _("qualification"),
        max_length=200,
        help_text=_(
            "For example: Fachärztin für Psychosomatische Medizin und Psychotherapie"
        ),
    )
    dbg_recognised_on = models.DateField(
        _("recognised by the German Balint Society on"), null=True, blank=True
    )
    dbg_number = models.CharField(
        _("DBG recognition number"), max_length=40, blank=True
    )
    chamber_recognition = models.CharField(
        _("chamber recognition"),
        max_length=200,
        blank=True,
        help_text=_("For example: Landesärztekammer Thüringen, anerkannt bis 2029"),
    )
    is_balint_ifa = models.BooleanField(_("dual recognition Balint/IFA"), default=False)
    biography = models.TextField(_("short biography"), blank=True)

    class Meta:
        verbose_name = _("leader profile")
        verbose_name_plural = _("leader profiles")

    def __str__(self) -> str:
        return str(self.user)


class Consent(models.Model):
    """A consent given by a person, with the text version and the time (R11)."""

    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("privacy notice")
        CONFIDENTIALITY = "confidentiality", _("confidentiality agreement")
        MENTOR_LISTING = "mentor_listing", _("listing in the mentor directory")
        CONTACT = "contact", _("processing of a contact message")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consents",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    version = models.CharField(_("text version"), max_length=40)
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.version}"
