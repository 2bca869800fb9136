from django.contrib import admin

from subsidia.core.admin import SuperuserEditsAdmin

from . import models

for model in (
    models.Fund, models.SpecificObjective, models.ImplementationMeasure, models.ScopeOfSupport, models.AnnexIVAction,
    models.InterventionField, models.ActionType, models.CofinancingRule, models.ImplementationModality,
    models.SpecificTheme, models.Indicator, models.RuleFigure, models.FinanceRule, models.ListOfOperationsField,
    models.TemplateColumn, models.NutsArea, models.PostcodeRange, models.DataFile,
):
    admin.site.register(model, SuperuserEditsAdmin)
