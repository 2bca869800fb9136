from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "subsidia.projects"
    label = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from subsidia.assessment import signals

        from . import receivers

        signals.selection_decision_approved.connect(
            receivers.on_selection_decision_approved, dispatch_uid="projects.operations_from_decision"
        )
        signals.selection_declined.connect(receivers.on_selection_declined, dispatch_uid="projects.cancel_declined")
