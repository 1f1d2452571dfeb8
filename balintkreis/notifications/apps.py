from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "balintkreis.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Hook (core/hooks.py): the e-mails sent to a person.
        from balintkreis.notifications import personal_data

        self.personal_data = personal_data
