from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "subsidia.transparency"
    label = "transparency"
    verbose_name = _("Transparency")

    def ready(self):
        from . import search, signals  # noqa: F401  (signals: cached counts follow changes)

        post_migrate.connect(search.ensure, sender=self, dispatch_uid="transparency-search-ensure")
