"""Filters of the public list of operations, shared by the page, the API and the downloads.

Every value is checked: an unknown objective, call, region or NUTS code, a year that is not a year, a search
without any word gives a 400 with a message. Filters on the beneficiary or the place never match what is
withheld, so a filter cannot reveal a restricted operation's beneficiary or location.
"""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from subsidia.calls.selectors import public_calls
from subsidia.programmes.models import Region
from subsidia.reference.models import NutsArea, SpecificObjective
from subsidia.reference.postcodes import normalise_enterprise_number

from . import search
from .withholding import RESTRICTED, beneficiary_public_q, name_cutoff

FILTER_KEYS = ("objective", "call", "region", "nuts", "beneficiary", "year", "q")


def validate_search(value: str):
    try:
        search.terms(value)
    except search.SearchError as exc:
        raise forms.ValidationError(
            _("Enter words to search for (letters or digits, at most 200 characters).")
        ) from exc


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


def _objective_choices():
    return [(o.code, o.label) for o in SpecificObjective.objects.order_by("fund__code", "position")]


class OperationFilter(django_filters.FilterSet):
    objective = django_filters.ChoiceFilter(
        field_name="specific_objective__code",
        choices=_objective_choices,
        label=_("Specific objective"),
        empty_label=_("All objectives"),
    )
    call = django_filters.ModelChoiceFilter(
        queryset=lambda request: public_calls().order_by("reference"),
        to_field_name="reference",
        label=_("Call for proposals"),
        empty_label=_("All calls"),
    )
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.all(),
        to_field_name="code",
        label=_("Region or delegated body"),
        empty_label=_("All regions"),
    )
    nuts = django_filters.ModelChoiceFilter(
        queryset=NutsArea.objects.all(),
        to_field_name="code",
        method="filter_nuts",
        label=_("Place (NUTS area)"),
        empty_label=_("Everywhere"),
    )
    beneficiary = django_filters.CharFilter(
        method="filter_beneficiary", max_length=200, label=_("Beneficiary (name or enterprise number)")
    )
    year = YearFilter(
        method="filter_year",
        label=_("Running in year"),
        min_value=2000,
        max_value=2100,
    )
    q = django_filters.CharFilter(
        method="filter_search", max_length=search.MAX_LENGTH, validators=[validate_search], label=_("Search")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.cutoff = name_cutoff()

    def filter_nuts(self, queryset, name, value):
        # A restricted operation's place is withheld: it never matches a place.
        return queryset.filter(nuts__code__startswith=value.code, **{RESTRICTED: False})

    def filter_beneficiary(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        wanted = Q(beneficiary_name__icontains=text)
        number = normalise_enterprise_number(text)
        if number.isdigit() and len(number) == 10:
            wanted |= Q(beneficiary__enterprise_number=number)
        return queryset.filter(wanted & beneficiary_public_q(self.cutoff))

    def filter_year(self, queryset, name, value):
        first, last = dt.date(value, 1, 1), dt.date(value, 12, 31)
        still_running = Q(actual_end_date__isnull=True, end_date__gte=first) | Q(actual_end_date__gte=first)
        return queryset.filter(Q(start_date__lte=last) & still_running)

    def filter_search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return search.match(queryset, value, self.cutoff)

    def is_filtered(self) -> bool:
        data = self.form.cleaned_data if self.is_bound and self.form.is_valid() else {}
        return any(data.get(key) not in (None, "") for key in FILTER_KEYS)
