from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from balintkreis.core.hooks import Link

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from balintkreis.accounts.models import User


class MentoringConfig(AppConfig):
    name = "balintkreis.mentoring"
    verbose_name = _("Mentoring")

    def ready(self) -> None:
        # Hooks (core/hooks.py).
        from balintkreis.mentoring import demo, personal_data

        self.personal_data = personal_data
        self.demo = demo.load

    def main_navigation(self, user: User | AnonymousUser) -> list[Link]:
        return [Link(gettext("FAQ"), reverse("mentoring:faq"), 40)]
