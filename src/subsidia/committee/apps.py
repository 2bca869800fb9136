from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitteeConfig(AppConfig):
    name = "subsidia.committee"
    label = "committee"
    verbose_name = _("Monitoring committee")

    def ready(self):
        from . import gate

        gate.connect()
