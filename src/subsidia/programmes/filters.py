"""Filters shared by pages and API."""

import django_filters

from subsidia.reference.models import ImplementationModality, SpecificObjective

from .models import Allocation, Programme, ProgrammeVersion, Region


class AllocationFilter(django_filters.FilterSet):
    programme = django_filters.ModelChoiceFilter(
        queryset=Programme.objects.all(),
        method="filter_programme",
        label="Programme (its version in force; use `version` for another version)",
    )
    version = django_filters.ModelChoiceFilter(queryset=ProgrammeVersion.objects.all())
    specific_objective = django_filters.ModelChoiceFilter(queryset=SpecificObjective.objects.all())
    region = django_filters.ModelChoiceFilter(queryset=Region.objects.all())
    implementation_modality = django_filters.ModelChoiceFilter(queryset=ImplementationModality.objects.all())
    year = django_filters.NumberFilter()

    class Meta:
        model = Allocation
        fields = ["programme", "version", "specific_objective", "region", "implementation_modality", "year"]

    def filter_programme(self, queryset, name, value):
        if self.data.get("version"):
            return queryset.filter(version__programme=value)
        return queryset.filter(version_id=value.current_version_id)
