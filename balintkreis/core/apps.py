from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from balintkreis.core.hooks import ScheduledJob


class CoreConfig(AppConfig):
    name = "balintkreis.core"
    verbose_name = _("Core")

    def scheduled_jobs(self) -> list[ScheduledJob]:
        # Hook (core/hooks.py): retention (DOMAIN.md R11) runs daily.
        return [
            ScheduledJob(
                id="core.purge_expired_data",
                task="balintkreis.core.tasks.purge_expired_data",
                minute="40",
                hour="3",
            )
        ]

    def ready(self) -> None:
        from django.urls import register_converter

        from balintkreis.core.converters import TextConverter

        # Before any URLconf is imported: the apps' urls.py use <text:...>.
        register_converter(TextConverter, "text")
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from balintkreis.core import (
            checks,  # noqa: F401  (registers the checks)
            personalpages,
        )

        # Every database connection tracks what pages read and what is
        # written (core/personalpages.py); a migration changes everything.
        connection_created.connect(personalpages.install)
        post_migrate.connect(personalpages.after_migrate, sender=self)
