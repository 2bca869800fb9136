"""A test-only approvable model. Its app label is not an installed app, so no migration ever sees it; the gate
tests create its table themselves (``dossier_table`` fixture in ``test_approvals.py``)."""

from django.db import models

from subsidia.core.approvals import Approvable
from subsidia.core.canonical import jsonable


class Dossier(Approvable, models.Model):
    title = models.CharField(max_length=200)  # not substantive: a typo fix keeps the approval
    budget_cents = models.BigIntegerField(default=0)
    criteria = models.JSONField(default=list)
    notes = models.TextField(blank=True)

    approval_fields = ("budget_cents", "criteria")

    class Meta:
        app_label = "subsidia_gate_tests"

    def __str__(self):
        return self.title

    def approval_content(self) -> dict:
        content = super().approval_content()
        content["criteria"] = jsonable(sorted(self.criteria, key=lambda c: c.get("code", "")))
        return content
