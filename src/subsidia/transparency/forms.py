"""Forms: paging and sorting of the public list (shared with the API), and the officers' forms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors.operations import DEFAULT_SORT, SORTS

PAGE_SIZES = (25, 50, 100, 200)
DEFAULT_PAGE_SIZE = 25
MAX_PAGE = 1_000_000

SORT_LABELS = {
    "code": _("Code"),
    "-code": _("Code, last first"),
    "start_date": _("Start date, oldest first"),
    "-start_date": _("Start date, newest first"),
    "end_date": _("End date, soonest first"),
    "-end_date": _("End date, latest first"),
    "total_cost": _("Total cost, smallest first"),
    "-total_cost": _("Total cost, largest first"),
    "eu_contribution": _("EU contribution, smallest first"),
    "-eu_contribution": _("EU contribution, largest first"),
    "operation_name": _("Name, A to Z"),
    "-operation_name": _("Name, Z to A"),
}


class ListForm(forms.Form):
    """``page``, ``page_size`` and ``sort``: garbage gives a 400 with these messages."""

    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={"invalid": _("The page number must be a positive whole number.")},
    )
    page_size = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[(n, n) for n in PAGE_SIZES],
        label=_("Rows per page"),
    )
    sort = forms.ChoiceField(required=False, choices=[(key, SORT_LABELS[key]) for key in SORTS], label=_("Sort by"))

    def values(self) -> tuple[int, int, str]:
        data = self.cleaned_data
        return data.get("page") or 1, data.get("page_size") or DEFAULT_PAGE_SIZE, data.get("sort") or DEFAULT_SORT


class PrepareRestrictionForm(forms.Form):
    code = forms.CharField(label=_("Operation code"), max_length=40)
    legal_ground = forms.CharField(
        label=_("Legal ground"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        help_text=_(
            "The written legal ground for withholding the beneficiary and the location, for instance the "
            "protection of victims of trafficking."
        ),
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class PublishForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=2000)
