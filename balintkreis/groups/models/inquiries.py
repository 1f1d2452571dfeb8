"""Inquiries from the contact form."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balintkreis.accounts.models import User
from balintkreis.core import dates
from balintkreis.groups.models.groups import BalintGroup


class Inquiry(models.Model):
    """A message from the contact form, in the secretariat's inbox."""

    class Status(models.TextChoices):
        NEW = "new", pgettext_lazy("inquiry status", "new")
        ANSWERED = "answered", _("answered")

    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail address"))
    profession = models.CharField(_("profession"), max_length=120, blank=True)
    group = models.ForeignKey(
        BalintGroup,
        verbose_name=_("group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inquiries",
    )
    message = models.TextField(_("message"))
    consent_version = models.CharField(_("privacy notice version"), max_length=40)
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="de",
        help_text=_("The language of the contact form; replies are written in it."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    created_at = models.DateTimeField(_("received at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.created_at:%d.%m.%Y})"

    @property
    def profession_label(self) -> str:
        """The profession as people read it; the form stores the choice value."""
        labels = {**dict(User.Profession.choices), "other": _("other profession")}
        return str(labels.get(self.profession, self.profession))


class InquiryReply(models.Model):
    """An answer of the secretariat to an inquiry, sent by e-mail: the thread."""

    inquiry = models.ForeignKey(
        Inquiry,
        verbose_name=_("inquiry"),
        on_delete=models.CASCADE,
        related_name="replies",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("reply"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reply to an inquiry")
        verbose_name_plural = _("replies to inquiries")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.inquiry} – {dates.local(self.created_at):%d.%m.%Y %H:%M}"


# Registration: applications, waiting list, offers and the interest list
# (issue 3). Rules live in applications.py, waiting_list.py, memberships.py
# and interest.py; the models only hold rows and invariants.
