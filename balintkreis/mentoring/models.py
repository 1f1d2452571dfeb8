import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from balintkreis.accounts.models import User
from balintkreis.core.fields import EncryptedTextField
from balintkreis.core.regions import Region


class Topic(models.Model):
    """An organisational topic of mentoring (DOMAIN.md R9); rows come from a
    data migration, the label from ``Code``."""

    class Code(models.TextChoices):
        ACQUISITION = "acquisition", _("Finding participants")
        ACCREDITATION = "accreditation", _("Accreditation at the chamber and VNR")
        BILLING = "billing", _("Billing")
        ROOMS = "rooms", _("Rooms and organisation")
        ONLINE = "online", _("Online groups")

    code = models.CharField(_("code"), max_length=20, choices=Code.choices, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.get_code_display()


class Format(models.TextChoices):
    ONLINE = "online", _("online")
    IN_PERSON = "in_person", _("in person")


class MentorProfileQuerySet(models.QuerySet):
    def listed(self) -> "MentorProfileQuerySet":
        """Profiles shown in the directory: consent given and not withdrawn."""
        return self.filter(is_listed=True, user__is_active=True)

    def with_running_count(self) -> "MentorProfileQuerySet":
        return self.annotate(
            running_count=Count(
                "user__mentorships_as_mentor",
                filter=Q(user__mentorships_as_mentor__status__in=Mentorship.RUNNING),
                distinct=True,
            )
        )

    def for_directory(self) -> "MentorProfileQuerySet":
        return (
            self.listed()
            .with_running_count()
            .select_related("user")
            .prefetch_related("topics")
            .order_by("user__last_name", "user__first_name", "pk")
        )


class MentorProfile(models.Model):
    """A leader who offers mentoring and agreed to be listed (DOMAIN.md R9)."""

    class Mode(models.TextChoices):
        ONLINE = "online", _("online")
        IN_PERSON = "in_person", _("in person")
        BOTH = "both", _("online and in person")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="mentor_profile",
    )
    biography = models.TextField(_("short biography"), max_length=1500)
    years_leading = models.PositiveSmallIntegerField(
        _("years leading Balint groups"), validators=[MaxValueValidator(60)]
    )
    region = models.CharField(_("federal state"), max_length=2, choices=Region.choices)
    city = models.CharField(_("city"), max_length=80)
    mode = models.CharField(
        _("mentoring takes place"), max_length=20, choices=Mode.choices
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="+")
    is_accepting = models.BooleanField(_("accepting new mentees"), default=True)
    max_mentees = models.PositiveSmallIntegerField(
        _("mentees at the same time"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    is_listed = models.BooleanField(_("listed in the directory"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MentorProfileQuerySet.as_manager()

    # Only on rows of MentorProfileQuerySet.with_running_count() (an annotation).
    running_count: int

    class Meta:
        verbose_name = _("mentor profile")
        verbose_name_plural = _("mentor profiles")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_mentees__gte=1), name="mentor_takes_at_least_one"
            )
        ]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def offers_online(self) -> bool:
        return self.mode in (self.Mode.ONLINE, self.Mode.BOTH)

    def open_places(self, running_count: int) -> int:
        if not self.is_accepting:
            return 0
        return max(self.max_mentees - running_count, 0)


class MentoringRequest(models.Model):
    """A mentee's written request to one mentor."""

    class Situation(models.TextChoices):
        NEW = "new", _("I am starting my first Balint group")
        RETURNING = "returning", _("I am returning after a break")
        TRAINING = "training", _("I am in leader training")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentee"),
        on_delete=models.CASCADE,
        related_name="mentoring_requests_sent",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentoring_requests_received",
    )
    situation = models.CharField(
        _("your situation"), max_length=20, choices=Situation.choices
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="+")
    message = models.TextField(_("message"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    decline_reason = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("mentoring request")
        verbose_name_plural = _("mentoring requests")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["mentee", "mentor"],
                condition=Q(status="pending"),
                name="one_pending_request_per_pair",
            ),
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")), name="no_self_mentoring"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentee} → {self.mentor}"


def new_room_name() -> str:
    """An unguessable Jitsi room name (128 random bits)."""
    return f"bk-mentoring-{secrets.token_hex(16)}"


class MentorshipQuerySet(models.QuerySet["Mentorship"]):
    def of(self, user: object) -> "MentorshipQuerySet":
        return self.filter(Q(mentor=user) | Q(mentee=user))

    def with_free_sessions_used(self) -> "MentorshipQuerySet":
        return self.annotate(
            free_used=Count("sessions", filter=Q(sessions__is_free=True))
        )


class Mentorship(models.Model):
    """A running pair: free sessions first, then ended or supervision (R9)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("mentoring")
        SUPERVISION = "supervision", _("supervision")
        ENDED = "ended", _("ended")

    RUNNING = (Status.ACTIVE, Status.SUPERVISION)

    request = models.OneToOneField(
        MentoringRequest,
        verbose_name=_("request"),
        on_delete=models.PROTECT,
        related_name="mentorship",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentorships_as_mentor",
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentee"),
        on_delete=models.CASCADE,
        related_name="mentorships_as_mentee",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    started_on = models.DateField(_("started on"))
    supervision_from = models.DateField(_("supervision since"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ended by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Only the pair reads it; the secretariat sees that a mentorship ended.
    closing_feedback = EncryptedTextField(_("closing feedback"), blank=True)
    room_name = models.CharField(
        _("online room"), max_length=64, unique=True, default=new_room_name
    )

    objects = MentorshipQuerySet.as_manager()

    class Meta:
        verbose_name = _("mentorship")
        verbose_name_plural = _("mentorships")
        ordering = ["-started_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentee=models.F("mentor")),
                name="mentorship_not_with_oneself",
            )
        ]

    def __str__(self) -> str:
        return f"{self.mentor} / {self.mentee}"

    @property
    def is_running(self) -> bool:
        return self.status in self.RUNNING

    def other(self, user: User) -> User:
        return self.mentee if user == self.mentor else self.mentor


class MentoringSession(models.Model):
    """One meeting of the pair. Notes: only the two read them, encrypted at rest."""

    mentorship = models.ForeignKey(
        Mentorship,
        verbose_name=_("mentorship"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    held_on = models.DateField(_("date"))
    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        validators=[MinValueValidator(10), MaxValueValidator(240)],
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), related_name="+", blank=True
    )
    notes = EncryptedTextField(_("notes"), blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring session")
        verbose_name_plural = _("mentoring sessions")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.mentorship} {self.held_on:%d.%m.%Y}"


class SupervisionTerms(models.Model):
    """Terms of paid supervision; they count only when both confirmed the same
    revision (DOMAIN.md R9: fee agreed individually)."""

    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("weekly")
        BIWEEKLY = "biweekly", _("every two weeks")
        MONTHLY = "monthly", _("monthly")
        ON_DEMAND = "on_demand", _("as needed")

    mentorship = models.OneToOneField(
        Mentorship,
        verbose_name=_("mentorship"),
        on_delete=models.CASCADE,
        related_name="terms",
    )
    fee_per_session = models.DecimalField(
        _("fee per session (EUR)"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    frequency = models.CharField(
        _("frequency"), max_length=20, choices=Frequency.choices
    )
    starts_on = models.DateField(_("start date"))
    notes = models.TextField(_("further agreements"), max_length=2000, blank=True)
    revision = models.PositiveIntegerField(_("revision"), default=1)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    mentor_confirmed_at = models.DateTimeField(
        _("confirmed by the mentor"), null=True, blank=True
    )
    mentee_confirmed_at = models.DateTimeField(
        _("confirmed by the mentee"), null=True, blank=True
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("supervision terms")
        verbose_name_plural = _("supervision terms")

    def __str__(self) -> str:
        return str(self.mentorship)

    @property
    def is_agreed(self) -> bool:
        return bool(self.mentor_confirmed_at and self.mentee_confirmed_at)


class FaqCategory(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("FAQ category")
        verbose_name_plural = _("FAQ categories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class FaqEntryQuerySet(models.QuerySet):
    def visible_to(self, user: object) -> "FaqEntryQuerySet":
        entries = self.filter(is_published=True)
        if not getattr(user, "is_authenticated", False):
            entries = entries.filter(visibility=FaqEntry.Visibility.PUBLIC)
        return entries

    def search(self, query: str) -> "FaqEntryQuerySet":
        if not query:
            return self
        return self.filter(Q(question__icontains=query) | Q(answer__icontains=query))


class FaqEntry(models.Model):
    """A question with a Markdown answer, edited by the secretariat."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        MEMBERS = "members", _("members only")

    category = models.ForeignKey(
        FaqCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="entries",
    )
    question = models.CharField(_("question"), max_length=250)
    answer = models.TextField(
        _("answer"), help_text=_("Markdown: **bold**, lists, [links](https://…).")
    )
    visibility = models.CharField(
        _("visible to"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.PUBLIC,
    )
    is_published = models.BooleanField(_("published"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = FaqEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("FAQ entry")
        verbose_name_plural = _("FAQ entries")
        ordering = ["category__position", "category__name", "position", "pk"]

    def __str__(self) -> str:
        return self.question
