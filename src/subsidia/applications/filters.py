"""Filters shared by the officers' list page and the API."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from subsidia.calls.models import Call

from .constants import ApplicationStatus, OrganisationType
from .models import Application


class ApplicationFilter(django_filters.FilterSet):
    call = django_filters.ModelChoiceFilter(queryset=Call.objects.all(), label=_("Call"))
    status = django_filters.ChoiceFilter(choices=ApplicationStatus.choices, label=_("Status"))
    organisation = django_filters.NumberFilter(field_name="organisation_id", label=_("Organisation"))
    organisation_type = django_filters.ChoiceFilter(
        field_name="organisation__organisation_type",
        choices=OrganisationType.choices,
        label=_("Type of organisation"),
    )
    nuts = django_filters.CharFilter(method="filter_nuts", label=_("Region (NUTS code)"))
    min_grant = django_filters.NumberFilter(
        field_name="eu_grant_requested",
        lookup_expr="gte",
        label=_("EU grant at least"),
        max_digits=14,
        decimal_places=2,
    )
    max_grant = django_filters.NumberFilter(
        field_name="eu_grant_requested",
        lookup_expr="lte",
        label=_("EU grant at most"),
        max_digits=14,
        decimal_places=2,
    )
    q = django_filters.CharFilter(method="filter_text", label=_("Search"))

    class Meta:
        model = Application
        fields = [
            "call",
            "status",
            "organisation",
            "organisation_type",
            "nuts",
            "min_grant",
            "max_grant",
            "q",
        ]

    def filter_nuts(self, queryset, name, value):
        return queryset.filter(organisation__nuts__code__startswith=value.strip().upper())

    def filter_text(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(title__icontains=value) | Q(reference__icontains=value) | Q(organisation__legal_name__icontains=value)
        )
