"""Filters shared by the officers' list page and the API. Garbage values are refused with a message (400)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from subsidia.calls.models import Call
from subsidia.programmes.models import Region

from .constants import OperationStatus
from .models import Operation


class OperationFilter(django_filters.FilterSet):
    call = django_filters.ModelChoiceFilter(
        queryset=Call.objects.order_by("reference"), to_field_name="reference", label=_("Call")
    )
    specific_objective = django_filters.CharFilter(
        field_name="specific_objective__code", max_length=4, label=_("Specific objective (code)")
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(), to_field_name="code", label=_("Region or delegated body")
    )
    nuts = django_filters.CharFilter(method="filter_nuts", max_length=5, label=_("Area (NUTS code)"))
    status = django_filters.ChoiceFilter(choices=OperationStatus.choices, label=_("Status"))
    year = django_filters.NumberFilter(
        field_name="selected_at__year", label=_("Year of selection"), min_value=2000, max_value=2100
    )
    q = django_filters.CharFilter(method="filter_text", max_length=100, label=_("Search"))

    class Meta:
        model = Operation
        fields = ["call", "specific_objective", "region", "nuts", "status", "year", "q"]

    def filter_nuts(self, queryset, name, value):
        value = value.strip().upper()
        return queryset.filter(nuts__code__startswith=value) if value else queryset

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        query = Q(code__icontains=value) | Q(name__icontains=value) | Q(beneficiary_name__icontains=value)
        for lang in ("nl", "fr", "en"):
            query |= Q(**{f"name_{lang}__icontains": value})
        return queryset.filter(query)
