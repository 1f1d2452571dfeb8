from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmeConfig(AppConfig):
    name = "balintkreis.cme"
    verbose_name = _("CME and certificates")
