"""Reference tables, read-only for everyone (they change only through ``load_reference`` or a superuser)."""

from rest_framework import viewsets

from subsidia.core.api.permissions import PublicReadOnly
from subsidia.core.api.throttling import PublicRateThrottle

from .. import models
from . import serializers as s


class ReferenceViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [PublicReadOnly]
    throttle_classes = [PublicRateThrottle]


def _viewset(model, serializer, filter_fields, related=()):
    return type(
        f"{model.__name__}ViewSet",
        (ReferenceViewSet,),
        {
            "queryset": model.objects.select_related(*related).all(),
            "serializer_class": serializer,
            "filterset_fields": filter_fields,
            "__doc__": f"{model._meta.verbose_name_plural.title()} (reference data, read-only).",
        },
    )


FundViewSet = _viewset(models.Fund, s.FundSerializer, ["code"])
SpecificObjectiveViewSet = _viewset(models.SpecificObjective, s.SpecificObjectiveSerializer, ["code"], ["fund"])
ImplementationMeasureViewSet = _viewset(
    models.ImplementationMeasure, s.ImplementationMeasureSerializer, ["objective__code"], ["objective"]
)
InterventionFieldViewSet = _viewset(
    models.InterventionField, s.InterventionFieldSerializer, ["objective__code", "code"], ["objective"]
)
ActionTypeViewSet = _viewset(models.ActionType, s.ActionTypeSerializer, ["code"])
CofinancingRuleViewSet = _viewset(models.CofinancingRule, s.CofinancingRuleSerializer, ["rule_id"])
ImplementationModalityViewSet = _viewset(
    models.ImplementationModality, s.ImplementationModalitySerializer, ["code"], ["cofinancing_rule"]
)
SpecificThemeViewSet = _viewset(models.SpecificTheme, s.SpecificThemeSerializer, ["code"])
IndicatorViewSet = _viewset(
    models.Indicator, s.IndicatorSerializer, ["objective__code", "kind", "code"], ["objective", "parent"]
)
RuleFigureViewSet = _viewset(models.RuleFigure, s.RuleFigureSerializer, ["key"])
NutsAreaViewSet = _viewset(models.NutsArea, s.NutsAreaSerializer, ["level", "code"], ["parent"])
ListOfOperationsFieldViewSet = _viewset(models.ListOfOperationsField, s.ListOfOperationsFieldSerializer, ["field"])
