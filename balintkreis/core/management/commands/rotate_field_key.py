"""Re-encrypt every encrypted column with the newest field key.

Run after putting the new key first in ``FIELD_ENCRYPTION_KEY`` (old keys
after it, comma-separated) on every server; afterwards the old key can be
removed. See docs/security.md, "Key rotation".
"""

from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Model

from balintkreis.core import audit, hooks
from balintkreis.core.checks import encrypted_fields

BATCH = 500


class Command(BaseCommand):
    help = "Re-encrypt all encrypted fields with the first FIELD_ENCRYPTION_KEY."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = {}
        for model, field in encrypted_fields():
            label = f"{model._meta.label}.{field.name}"
            counts[label] = self._rotate(model, field.name)
            self.stdout.write(f"{label}: {counts[label]}")
        # What apps encrypt outside a field (MFA secrets), through their hook.
        for _config, rotate_field_key in hooks.contributions("rotate_field_key"):
            for label, rows in rotate_field_key().items():
                counts[label] = rows
                self.stdout.write(f"{label}: {rows}")
        audit.record(None, "core.field_key.rotated", data=counts)
        self.stdout.write(self.style.SUCCESS("Alle Werte neu verschlüsselt."))

    def _rotate(self, model: type[Model], name: str) -> int:
        """Read (any key decrypts) and write back (the first key encrypts)."""
        manager = model._base_manager
        pks = list(
            manager.exclude(**{name: ""}).order_by("pk").values_list("pk", flat=True)
        )
        for start in range(0, len(pks), BATCH):
            with transaction.atomic():
                rows = manager.filter(pk__in=pks[start : start + BATCH])
                for pk, value in rows.values_list("pk", name):
                    manager.filter(pk=pk).update(**{name: value})
        return len(pks)
