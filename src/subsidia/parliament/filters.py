"""Filters of the register, shared by the officers' page and the API. A value that is not one the filter
knows (a status that does not exist, a date that is not a date, an unknown region) is an error with a message
(400), never silently ignored."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from subsidia.programmes.models import Programme, Region

from . import selectors
from .constants import QuestionStatus
from .models import SESSION_PATTERN, WrittenQuestion


def _session(value: str) -> None:
    if value and not SESSION_PATTERN.match(value):
        raise ValidationError(_("A session is written as 2021-2022 or 2021."), code="invalid_session")


class QuestionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=QuestionStatus.choices)
    session = django_filters.CharFilter(label=_("Session"), max_length=9, validators=[_session])
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme (CCI code)"), queryset=Programme.objects.all(), to_field_name="cci"
    )
    region = django_filters.ModelChoiceFilter(
        label=_("Region or delegated body"), queryset=Region.objects.all(), to_field_name="code"
    )
    asked_from = django_filters.DateFilter(
        label=_("Asked from"), field_name="asked_on", lookup_expr="gte", widget=forms.DateInput(attrs={"type": "date"})
    )
    asked_until = django_filters.DateFilter(
        label=_("Asked until"), field_name="asked_on", lookup_expr="lte", widget=forms.DateInput(attrs={"type": "date"})
    )
    q = django_filters.CharFilter(label=_("Search"), method="filter_text", max_length=200)

    class Meta:
        model = WrittenQuestion
        fields = ["status", "session", "programme", "region", "asked_from", "asked_until", "q"]

    def filter_text(self, queryset, name, value):
        return selectors.search(queryset, value)


class PublicQuestionFilter(QuestionFilter):
    """The public list holds answered questions only; it filters by the date of the answer too."""

    answered_from = django_filters.DateFilter(label=_("Answered from"), field_name="answered_on", lookup_expr="gte")
    answered_until = django_filters.DateFilter(label=_("Answered until"), field_name="answered_on", lookup_expr="lte")

    class Meta:
        model = WrittenQuestion
        fields = ["session", "programme", "region", "asked_from", "asked_until", "answered_from", "answered_until", "q"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters.pop("status", None)


class PageForm(forms.Form):
    """The page number of the officers' list: a positive whole number."""

    page = forms.IntegerField(label=_("Page"), min_value=1, required=False)


def errors(*forms_) -> list[str]:
    """Every message of the given forms, each with its field's label."""
    messages = []
    for form in forms_:
        for name, items in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            messages += [f"{label}: {error}" if label else str(error) for error in items]
    return messages
