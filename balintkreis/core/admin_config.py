from allauth.account.apps import AccountConfig as AllauthAccountConfig
from allauth.mfa.apps import MFAConfig as AllauthMFAConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _
from django_tasks_db.apps import TasksAppConfig


class AdminConfig(DjangoAdminConfig):
    """Django's admin app with our site class (core/admin_site.py); listed in
    INSTALLED_APPS instead of django.contrib.admin."""

    default_site = "balintkreis.core.admin_site.AdminSite"


# Third-party apps under German section names in the administration (issue 13
# item 8): listed in INSTALLED_APPS instead of the packages' own configs.
# allauth's "Accounts" would read like our accounts app, and the task queue
# has no translation at all.


class AccountConfig(AllauthAccountConfig):
    verbose_name = _("E-mail addresses for log-in")


class MFAConfig(AllauthMFAConfig):
    verbose_name = _("Second factor (two-step log-in)")

    def ready(self) -> None:
        super().ready()
        # The model has no verbose name of its own (the admin would say
        # "Authenticators"); a proxy model would need a migration for a label.
        meta = self.get_model("Authenticator")._meta
        meta.verbose_name = _("second factor")
        meta.verbose_name_plural = _("second factors")


class TasksConfig(TasksAppConfig):
    verbose_name = _("Background tasks")

    def ready(self) -> None:
        super().ready()
        # The package's names have no German translation.
        meta = self.get_model("DBTaskResult")._meta
        meta.verbose_name = _("background task")
        meta.verbose_name_plural = _("background tasks")
