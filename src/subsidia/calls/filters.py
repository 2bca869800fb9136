"""Filters shared by the public call pages and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from subsidia.programmes.models import Region

from . import selectors
from .constants import CallStatus, EffectiveStatus


class CallFilter(django_filters.FilterSet):
    effective_status = django_filters.ChoiceFilter(
        label=_("Open, upcoming or closed"),
        choices=EffectiveStatus.choices,
        method="filter_effective",
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CallStatus.choices)
    programme = django_filters.CharFilter(label=_("Programme (CCI code)"), field_name="programme__cci")
    specific_objective = django_filters.CharFilter(
        label=_("Specific objective (code)"), field_name="specific_objective__code", max_length=4
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region or delegated body"), queryset=Region.objects.all(), to_field_name="code"
    )
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=100)

    class Meta:
        model = selectors.Call
        fields = ["effective_status", "status", "programme", "specific_objective", "region", "q"]

    def filter_effective(self, queryset, name, value):
        return selectors.filter_effective(queryset, value)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        query = Q(reference__icontains=value)
        for field in ("title", "summary"):
            for lang in ("nl", "fr", "en"):
                query |= Q(**{f"{field}_{lang}__icontains": value})
        return queryset.filter(query)
