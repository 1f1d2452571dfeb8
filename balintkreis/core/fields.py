from typing import Any

from django.db import models

from balintkreis.core import crypto


class EncryptedTextField(models.TextField):
    """A text column stored encrypted; reads return the plain value.

    Not searchable or sortable by design. Serialised (``dumpdata``) as
    ``encrypted:<token>``, which ``loaddata`` turns back into the plain value,
    so dumps never carry the secret in clear text.
    """

    SERIALISED_PREFIX = "encrypted:"

    def from_db_value(self, value: str | None, *args: Any) -> str:
        if not value:
            return ""
        return crypto.decrypt(value)

    def get_prep_value(self, value: Any) -> str:
        value = super().get_prep_value(value)
        if not value:
            return ""
        return crypto.encrypt(value)

    def value_to_string(self, obj: models.Model) -> str:
        value = self.value_from_object(obj)
        if not value:
            return ""
        return self.SERIALISED_PREFIX + crypto.encrypt(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith(self.SERIALISED_PREFIX):
            return crypto.decrypt(value.removeprefix(self.SERIALISED_PREFIX))
        return super().to_python(value)
