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
    from balintkreis.groups.access import GroupAccess
    from balintkreis.groups.models import BalintGroup
    from balintkreis.meetings.models import Meeting


class FeedbackConfig(AppConfig):
    name = "balintkreis.feedback"
    verbose_name = _("Feedback")

    def ready(self) -> None:
        # Hooks (core/hooks.py).
        from balintkreis.feedback import demo, personal_data

        self.personal_data = personal_data
        self.demo = demo.load

    def group_tabs(
        self, group: BalintGroup, user: User | AnonymousUser, access: GroupAccess
    ) -> list[Link]:
        url = reverse("feedback:polls", args=[group.slug])
        return [Link(gettext("Group votes"), url, 50)]

    def meeting_links(
        self, meeting: Meeting, user: User | AnonymousUser, access: GroupAccess
    ) -> list[Link]:
        url = reverse("feedback:meeting", args=[meeting.pk])
        return [Link(gettext("Feedback and private note"), url, 50)]
