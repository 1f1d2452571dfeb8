from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "balintkreis.core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.urls import register_converter

        from balintkreis.core.converters import TextConverter

        # Before any URLconf is imported: the apps' urls.py use <text:...>.
        register_converter(TextConverter, "text")
        from balintkreis.core import checks  # noqa: F401  (registers the checks)
