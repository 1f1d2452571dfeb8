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


class RecordConfig(AppConfig):
    name = "balintkreis.record"
    label = "record"
    verbose_name = _("Balint record")

    def ready(self) -> None:
        # Hooks (core/hooks.py).
        from balintkreis.record import demo, personal_data

        self.personal_data = personal_data
        self.demo = demo.load

    def main_navigation(self, user: User | AnonymousUser) -> list[Link]:
        # The secretariat reaches the record and its queue from its overview.
        if not user.is_authenticated or getattr(user, "is_secretariat", False):
            return []
        return [Link(gettext("My Balint record"), reverse("record:overview"), 65)]

    def field_key_samples(self) -> dict[str, list[str]]:
        from balintkreis.record import documents

        return {"record.EntryDocument.encrypted_content": documents.sample_tokens()}

    def rotate_field_key(self) -> dict[str, int]:
        from balintkreis.record import documents

        return {"record.EntryDocument.encrypted_content": documents.reencrypt_all()}
