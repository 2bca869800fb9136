"""Filters shared by pages and API."""

import django_filters

from .models import Allocation, Programme, ProgrammeVersion


class AllocationFilter(django_filters.FilterSet):
    programme = django_filters.NumberFilter(
        method="filter_programme",
        label="Programme (its version in force; use `version` for another version)",
    )
    version = django_filters.ModelChoiceFilter(queryset=ProgrammeVersion.objects.all())
    # Codes, as the API shows them: ?specific_objective=2&region=VLG&implementation_modality=003
    specific_objective = django_filters.CharFilter(field_name="specific_objective__code")
    region = django_filters.CharFilter(field_name="region__code")
    implementation_modality = django_filters.CharFilter(field_name="implementation_modality__code")
    year = django_filters.NumberFilter()

    class Meta:
        model = Allocation
        fields = ["programme", "version", "specific_objective", "region", "implementation_modality", "year"]

    def filter_programme(self, queryset, name, value):
        if self.data.get("version"):
            return queryset.filter(version__programme_id=value)
        current = Programme.objects.filter(pk=value).values_list("current_version_id", flat=True).first()
        return queryset.filter(version_id=current)
