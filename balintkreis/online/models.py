import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from balintkreis.core import dates
from balintkreis.groups.models import BalintGroup
from balintkreis.meetings.models import Meeting


def new_room_slug() -> str:
    # 128 bits from the OS: unguessable, and stable once stored (R10).
    return secrets.token_urlsafe(16).replace("_", "x").replace("-", "y").lower()


class Room(models.Model):
    """The one Jitsi room of a group: unguessable (DOMAIN.md R10). Jitsi sees
    a new name per meeting, derived from the slug (online/rooms.py)."""

    group = models.OneToOneField(
        BalintGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="online_room",
    )
    slug = models.CharField(
        _("room name"), max_length=64, unique=True, default=new_room_slug
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("online room")
        verbose_name_plural = _("online rooms")

    def __str__(self) -> str:
        return str(self.group)


class TechCheck(models.Model):
    """The latest Technik-Check result of one person."""

    class Verdict(models.TextChoices):
        GOOD = "good", _("ready")
        FAIR = "fair", _("probably enough")
        POOR = "poor", _("not ready yet")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="tech_check",
    )
    browser = models.CharField(_("browser"), max_length=60, blank=True)
    is_recommended_browser = models.BooleanField(
        _("recommended browser"), default=False
    )
    has_camera = models.BooleanField(_("camera works"), default=False)
    has_microphone = models.BooleanField(_("microphone works"), default=False)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), null=True, blank=True)
    download_mbps = models.FloatField(_("download (Mbit/s)"), null=True, blank=True)
    upload_mbps = models.FloatField(_("upload (Mbit/s)"), null=True, blank=True)

    class Ice(models.TextChoices):
        """The best WebRTC route found (as Jitsi's own pre-call test)."""

        RELAY = "relay", _("through a relay server (TURN)")
        SRFLX = "srflx", _("direct through the internet (STUN)")
        HOST = "host", _("only inside the local network")
        NONE = "none", _("none")

    video_server_reachable = models.BooleanField(
        _("video server reachable"), null=True, blank=True
    )
    ice = models.CharField(
        _("video connection route"), max_length=10, choices=Ice.choices, blank=True
    )
    verdict = models.CharField(_("verdict"), max_length=10, choices=Verdict.choices)
    checked_at = models.DateTimeField(_("checked at"))

    class Meta:
        verbose_name = _("technical check")
        verbose_name_plural = _("technical checks")

    def __str__(self) -> str:
        return f"{self.user}: {self.get_verdict_display()}"

    @property
    def is_ready(self) -> bool:
        return self.verdict in (self.Verdict.GOOD, self.Verdict.FAIR)


class Presence(models.Model):
    """One person's presence in one online meeting, merged from all sources.

    Heartbeats from the meeting page and Prosody's event_sync both write here;
    a join while already present is no rejoin, so a reconnect reported by
    both sources is counted once.
    """

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="presences",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="presences",
    )
    first_joined_at = models.DateTimeField(_("first joined at"))
    last_seen_at = models.DateTimeField(_("last seen at"))
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    is_held_by_server = models.BooleanField(
        _("connected according to the Jitsi server"), default=False
    )
    rejoins = models.PositiveSmallIntegerField(_("rejoins"), default=0)
    quality = models.PositiveSmallIntegerField(
        _("connection quality (%)"), null=True, blank=True
    )
    last_beat_id = models.CharField(_("last heartbeat"), max_length=64, blank=True)

    class Meta:
        verbose_name = _("presence")
        verbose_name_plural = _("presences")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"], name="presence_once_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.meeting}"


class PresenceInterval(models.Model):
    """A stretch of uninterrupted presence; rejoins start a new one."""

    class Source(models.TextChoices):
        PAGE = "page", _("meeting page")
        SERVER = "server", _("Jitsi server")

    presence = models.ForeignKey(
        Presence,
        verbose_name=_("presence"),
        on_delete=models.CASCADE,
        related_name="intervals",
    )
    started_at = models.DateTimeField(_("from"))
    # Empty while open: the end of an open stretch is the presence's
    # last_seen_at, so a heartbeat writes one row, not two.
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)

    class Meta:
        verbose_name = _("presence interval")
        verbose_name_plural = _("presence intervals")
        ordering = ["started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["presence"],
                condition=models.Q(ended_at__isnull=True),
                name="presence_one_open_interval",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.presence}: {dates.local(self.started_at):%H:%M}"


class MeetingOptions(models.Model):
    """What the leader set for one online meeting (issue 15 items 4 and 5)."""

    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("meeting"),
        on_delete=models.CASCADE,
        related_name="online_options",
    )
    # Another video tool the group meets on (seed 003: the group first met on
    # a Zoom-like tool). Presence then comes only from the attendance sheet.
    fallback_url = models.URLField(
        _("fallback video link"),
        max_length=500,
        blank=True,
        help_text=_(
            "Optional: a link to another video room (e.g. of your institute). "
            "Members see it beside the Jitsi room; presence is then recorded "
            "only through your attendance sheet."
        ),
    )
    silent_since = models.DateTimeField(_("silent phase since"), null=True, blank=True)

    class Meta:
        verbose_name = _("online meeting options")
        verbose_name_plural = _("online meeting options")

    def __str__(self) -> str:
        return str(self.meeting)


class TechnicalContact(models.Model):
    """The group's technical contact for online meetings (issue 15 item 6):
    a member or the co-leader, named by the leader."""

    group = models.OneToOneField(
        BalintGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="technical_contact",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    is_moderator = models.BooleanField(
        _("moderator in the video room"),
        default=False,
        help_text=_(
            "The technical contact may then mute others and let people in from "
            "the lobby."
        ),
    )

    class Meta:
        verbose_name = _("technical contact")
        verbose_name_plural = _("technical contacts")

    def __str__(self) -> str:
        return f"{self.group}: {self.person}"
