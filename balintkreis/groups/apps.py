from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "balintkreis.groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        from balintkreis.groups import admin_registration  # noqa: F401
