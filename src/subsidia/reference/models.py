"""Reference data from the regulations, loaded from the versioned files in ``data/`` (``load_reference``).

Keys follow the regulation: intervention-field codes and indicator numbers restart per specific objective, so
their natural key includes the objective. Everyone reads these tables; only a superuser changes them.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Translated:
    """``obj.tr("name")`` picks ``name_<language>`` for the active language, falling back to English."""

    def tr(self, field: str) -> str:
        language = (translation.get_language() or "nl").split("-")[0]
        for code in (language, "en", "nl", "fr"):
            value = getattr(self, f"{field}_{code}", "")
            if value:
                return value
        return ""


class Fund(Translated, models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    name_en = models.CharField(max_length=200)
    name_nl = models.CharField(max_length=200)
    name_fr = models.CharField(max_length=200)
    regulation = models.CharField(_("regulation"), max_length=100)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    eligibility_start = models.DateField(_("eligible from"))
    eligibility_end = models.DateField(_("eligible until"))
    eligibility_source = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("fund")
        verbose_name_plural = _("funds")

    def __str__(self):
        return self.code

    @property
    def name(self):
        return self.tr("name")


class SpecificObjective(Translated, models.Model):
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="objectives")
    code = models.CharField(_("code"), max_length=4)
    article = models.CharField(_("article"), max_length=40)
    title = models.TextField(_("title"))
    short_en = models.CharField(max_length=80, blank=True)
    short_nl = models.CharField(max_length=80, blank=True)
    short_fr = models.CharField(max_length=80, blank=True)
    is_technical_assistance = models.BooleanField(default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["fund", "position"]
        verbose_name = _("specific objective")
        verbose_name_plural = _("specific objectives")
        constraints = [models.UniqueConstraint(fields=["fund", "code"], name="objective_code_unique")]

    def __str__(self):
        return f"{self.fund.code} {self.label}"

    @property
    def short_name(self):
        return self.tr("short")

    @property
    def label(self):
        prefix = "" if self.is_technical_assistance else f"{self.code}. "
        return f"{prefix}{self.short_name}"


class ImplementationMeasure(models.Model):
    objective = models.ForeignKey(SpecificObjective, on_delete=models.PROTECT, related_name="measures")
    letter = models.CharField(max_length=2)
    text = models.TextField()
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["objective", "letter"]
        constraints = [models.UniqueConstraint(fields=["objective", "letter"], name="measure_unique")]
        verbose_name = _("implementation measure")

    def __str__(self):
        return f"{self.objective.code}({self.letter})"


class ScopeOfSupport(models.Model):
    """AMIF Annex III: actions eligible for support."""

    objective_ref = models.CharField(max_length=60)
    point = models.CharField(max_length=4)
    letter = models.CharField(max_length=2)
    text = models.TextField()

    class Meta:
        ordering = ["point", "letter"]
        constraints = [models.UniqueConstraint(fields=["point", "letter"], name="scope_unique")]
        verbose_name = _("scope of support (Annex III)")

    def __str__(self):
        return f"Annex III {self.point}({self.letter})"


class AnnexIVAction(models.Model):
    seq = models.PositiveSmallIntegerField(unique=True)
    text = models.TextField()
    max_rate = models.DecimalField(max_digits=5, decimal_places=4)

    class Meta:
        ordering = ["seq"]
        verbose_name = _("Annex IV action")

    def __str__(self):
        return f"Annex IV ({self.seq})"


class InterventionField(models.Model):
    """AMIF Annex VI table 1; the key is (specific objective, code)."""

    objective = models.ForeignKey(SpecificObjective, on_delete=models.PROTECT, related_name="intervention_fields")
    code = models.CharField(max_length=3)
    section = models.CharField(max_length=100)
    title = models.CharField(max_length=200)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["objective", "code"]
        constraints = [models.UniqueConstraint(fields=["objective", "code"], name="intervention_field_unique")]
        verbose_name = _("intervention field")

    def __str__(self):
        return f"{self.objective.code}/{self.code} {self.title}"


class ActionType(models.Model):
    code = models.CharField(max_length=3, unique=True)
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("action type")

    def __str__(self):
        return f"{self.code} {self.title}"


class CofinancingRule(models.Model):
    rule_id = models.CharField(max_length=40, unique=True)
    legal_basis = models.CharField(max_length=80)
    applies_to = models.CharField(max_length=200)
    max_eu_rate = models.DecimalField(max_digits=5, decimal_places=4, null=True, blank=True)
    text = models.TextField()

    class Meta:
        ordering = ["rule_id"]
        verbose_name = _("co-financing rule")

    def __str__(self):
        return f"{self.rule_id} ({self.legal_basis})"


class ImplementationModality(Translated, models.Model):
    """AMIF Annex VI table 3, each governed by one co-financing rule."""

    code = models.CharField(max_length=3, unique=True)
    name_en = models.CharField(max_length=200)
    name_nl = models.CharField(max_length=200, blank=True)
    name_fr = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=200, blank=True)
    cofinancing_rule = models.ForeignKey(CofinancingRule, on_delete=models.PROTECT, null=True, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("implementation modality")
        verbose_name_plural = _("implementation modalities")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self):
        return self.tr("name")


class SpecificTheme(models.Model):
    code = models.CharField(max_length=3, unique=True)
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("specific theme")

    def __str__(self):
        return f"{self.code} {self.title}"


class Indicator(models.Model):
    class Kind(models.TextChoices):
        OUTPUT = "output", _("output")
        RESULT = "result", _("result")

    code = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    objective = models.ForeignKey(SpecificObjective, on_delete=models.PROTECT, related_name="indicators")
    title = models.TextField()
    unit = models.CharField(max_length=60)
    breakdown = models.CharField(max_length=120, blank=True)
    source_ref = models.CharField(max_length=80)
    note = models.TextField(blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["objective", "id"]
        verbose_name = _("indicator")

    def __str__(self):
        return f"{self.code} {self.title[:60]}"

    @property
    def by_age_and_gender(self) -> bool:
        return "gender" in self.breakdown


class RuleFigure(models.Model):
    """A figure of the fund's rules with its article (shares, thresholds, flat rates, periods)."""

    key = models.CharField(max_length=60, unique=True)
    value = models.DecimalField(max_digits=14, decimal_places=4)
    unit = models.CharField(max_length=20)
    legal_basis = models.CharField(max_length=80)
    summary = models.TextField()

    class Meta:
        ordering = ["key"]
        verbose_name = _("rule figure")

    def __str__(self):
        return f"{self.key} = {self.value} {self.unit} ({self.legal_basis})"


class FinanceRule(models.Model):
    rule_id = models.CharField(max_length=60, unique=True)
    legal_basis = models.CharField(max_length=120)
    summary = models.TextField()
    figure = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["rule_id"]
        verbose_name = _("finance rule")

    def __str__(self):
        return f"{self.rule_id} ({self.legal_basis})"


class ListOfOperationsField(models.Model):
    """CPR art. 49(3): the fields of the published list of operations."""

    field = models.CharField(max_length=60, unique=True)
    required_by = models.CharField(max_length=60)
    notes = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["position"]
        verbose_name = _("list-of-operations field")

    def __str__(self):
        return self.field


class TemplateColumn(models.Model):
    """Columns of the Commission templates: data transmission (CPR Annex VII), payment application (Annex
    XXIII) and accounts (Annex XXIV)."""

    template = models.CharField(max_length=40)
    table = models.CharField(max_length=10, blank=True)
    column = models.CharField(max_length=80)
    meaning = models.TextField()
    source = models.TextField()
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "table", "column"], name="template_column_unique")
        ]

    def __str__(self):
        return f"{self.template} {self.table} {self.column}"


class NutsArea(Translated, models.Model):
    code = models.CharField(max_length=5, unique=True)
    level = models.PositiveSmallIntegerField()
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name_nl = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("NUTS area")

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def name(self):
        return self.tr("name")

    @property
    def country_code(self):
        return self.code[:2]


class PostcodeRange(models.Model):
    first = models.PositiveIntegerField()
    last = models.PositiveIntegerField()
    nuts = models.ForeignKey(NutsArea, on_delete=models.PROTECT)

    class Meta:
        ordering = ["first"]
        constraints = [
            models.UniqueConstraint(fields=["first"], name="postcode_range_unique"),
            models.CheckConstraint(condition=models.Q(first__lte=models.F("last")), name="postcode_range_ordered"),
        ]

    def __str__(self):
        return f"{self.first}-{self.last} → {self.nuts.code}"


class DataFile(models.Model):
    """Which version (SHA-256) of each shipped data file was loaded, and when."""

    path = models.CharField(max_length=120, unique=True)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField()
    loaded_at = models.DateTimeField()

    class Meta:
        ordering = ["path"]

    def __str__(self):
        return f"{self.path} ({self.rows} rows)"
