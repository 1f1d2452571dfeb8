from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "balintkreis.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        # Hooks (core/hooks.py): the person's data, the demo people.
        from balintkreis.accounts import demo, personal_data

        self.personal_data = personal_data
        self.demo = demo.load
