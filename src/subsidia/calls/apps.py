from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "subsidia.calls"
    label = "calls"
    verbose_name = _("Calls for proposals")

    def ready(self):
        from subsidia.core import approvals

        from . import services

        # The committee records its decision in the gate; the call takes it over (approved or back to draft).
        approvals.approval_decided.connect(services.on_approval_decided, dispatch_uid="calls.note_decision")
