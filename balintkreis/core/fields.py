from typing import Any

from django.db import models

from balintkreis.core import crypto


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; reads return the plain value.

    Not searchable or sortable by design.
    """

    def from_db_value(self, value: str | None, *args: Any) -> str:
        if not value:
            return ""
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> str:
        value = super().get_prep_value(value)
        if not value:
            return ""
        return crypto.encrypt(value)
