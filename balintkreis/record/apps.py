from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordConfig(AppConfig):
    name = "balintkreis.record"
    label = "record"
    verbose_name = _("Balint record")
