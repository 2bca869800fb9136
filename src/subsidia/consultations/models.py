"""Surveys of stakeholders, their answers, and the needs and priorities register drawn from them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from subsidia.programmes.models import Programme
from subsidia.reference.models import Translated

from .constants import PriorityStatus


class Priority(Translated, models.Model):
    """A need turned priority of the programme, with the survey answers behind it (the evidence).

    Later stages point at it: a call serves priorities (``Call.priorities``), a project inherits them, and the
    public trace reads need → priority → call → project.
    """

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="priorities",
                                  verbose_name=_("programme"))
    code = models.CharField(_("code"), max_length=12, help_text=_("Short reference, for example P1."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title_nl = models.CharField(_("title (Dutch)"), max_length=300)
    title_fr = models.CharField(_("title (French)"), max_length=300, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=300, blank=True)
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=PriorityStatus.choices,
                              default=PriorityStatus.PROPOSED)
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["programme", "position", "code"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="priority_code_unique_per_programme"),
            models.CheckConstraint(condition=Q(status__in=[s.value for s in PriorityStatus]),
                                   name="priority_status_valid"),
            models.CheckConstraint(
                condition=Q(status=PriorityStatus.PROPOSED) | Q(adopted_on__isnull=False),
                name="adopted_priority_has_date",
            ),
            models.CheckConstraint(condition=~Q(code=""), name="priority_code_not_empty"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def title(self):
        return self.tr("title")

    @property
    def description(self):
        return self.tr("description")

    @property
    def is_adopted(self) -> bool:
        return self.status == PriorityStatus.ADOPTED
