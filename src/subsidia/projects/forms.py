"""Forms of the operation pages. They only read input; the services decide (and say why not)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from subsidia.applications.models.budget import LINE_CATEGORIES
from subsidia.reference.models import ActionType, InterventionField

DATE = forms.DateInput(attrs={"type": "date"})


class ConditionsForm(forms.Form):
    conditions_nl = forms.CharField(
        label=_("Special conditions (Dutch)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    conditions_fr = forms.CharField(
        label=_("Special conditions (French)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    conditions_en = forms.CharField(
        label=_("Special conditions (English)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class SignatureForm(forms.Form):
    signatory_name = forms.CharField(label=_("Signed for the beneficiary by"), max_length=200)
    signatory_function = forms.CharField(label=_("Function of the signatory"), max_length=200, required=False)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RequiredNoteForm(NoteForm):
    note = forms.CharField(label=_("Note (required)"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class AmendmentForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the amendment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    new_end_date = forms.DateField(
        label=_("New expected end date"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty to keep the current end date."),
    )
    change_budget = forms.BooleanField(
        label=_("Change the budget (the lines below are the whole new budget)"), required=False
    )
    new_eu_contribution = forms.DecimalField(
        label=_("New EU contribution (EUR)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=0,
        help_text=_("Leave empty to keep the current EU contribution."),
    )

    def __init__(self, *args, years=(), lines=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.line_keys = []
        current = {(line["category"], line["year"]): line["amount"] for line in (lines or [])}
        for year in years:
            for category, label in LINE_CATEGORIES:
                key = f"line_{category}_{year}"
                self.fields[key] = forms.DecimalField(
                    label=f"{label} {year}",
                    required=False,
                    max_digits=14,
                    decimal_places=2,
                    min_value=0,
                    initial=current.get((category, year)),
                )
                self.line_keys.append((key, category, year))

    def budget_lines(self):
        if not self.cleaned_data.get("change_budget"):
            return None
        return [
            {"category": category, "year": year, "amount": self.cleaned_data[key]}
            for key, category, year in self.line_keys
            if self.cleaned_data.get(key)
        ]

    def line_fields(self):
        return [self[key] for key, _category, _year in self.line_keys]


class DetailsForm(forms.Form):
    name_nl = forms.CharField(label=_("Name (Dutch)"), max_length=300, required=False)
    name_fr = forms.CharField(label=_("Name (French)"), max_length=300, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=300, required=False)
    purpose_nl = forms.CharField(
        label=_("Purpose (Dutch)"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    purpose_fr = forms.CharField(
        label=_("Purpose (French)"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    purpose_en = forms.CharField(
        label=_("Purpose (English)"), required=False, max_length=10000, widget=forms.Textarea(attrs={"rows": 4})
    )
    intervention_field = forms.ModelChoiceField(
        label=_("Intervention field"), queryset=InterventionField.objects.none()
    )
    action_type = forms.ModelChoiceField(label=_("Type of action"), queryset=ActionType.objects.all(), required=False)
    postcode = forms.CharField(label=_("Postcode of the location"), max_length=4)
    location_text = forms.CharField(label=_("Location"), max_length=300, required=False)
    beneficiary_is_natural_person = forms.BooleanField(
        label=_("The beneficiary is a natural person (CPR art. 49(3)(b))"), required=False
    )

    def __init__(self, *args, operation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["intervention_field"].queryset = InterventionField.objects.filter(
            objective=operation.specific_objective
        )


class EndForm(forms.Form):
    actual_end_date = forms.DateField(label=_("Actual end date"), widget=DATE)


class CompleteForm(EndForm):
    achievements = forms.CharField(
        label=_("Actual achievements (published in the list of operations)"),
        max_length=6000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class TerminateForm(EndForm):
    reason = forms.CharField(
        label=_("Reason for ending the operation early"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportStartForm(forms.Form):
    period_start = forms.ChoiceField(label=_("Reporting period"))

    def __init__(self, *args, periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["period_start"].choices = [(p.start.isoformat(), label) for p, label in periods]


class ReportForm(forms.Form):
    narrative = forms.CharField(
        label=_("Progress made, problems met and what was done about them"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def __init__(self, *args, targets=(), current=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = current or {}
        self.groups = []
        for target in targets:
            row = current.get(target.pk)
            keys = [("value", _("Achieved in the period"))]
            if target.by_age_and_gender:
                keys += [
                    ("age_under_18", _("under 18")),
                    ("age_18_60", _("18 to 60")),
                    ("age_over_60", _("over 60")),
                    ("women", _("women")),
                    ("men", _("men")),
                    ("non_binary", _("non-binary or not stated")),
                ]
            names = []
            for key, label in keys:
                name = f"t{target.pk}_{key}"
                self.fields[name] = forms.IntegerField(
                    label=label,
                    required=False,
                    min_value=0,
                    max_value=10_000_000,
                    initial=getattr(row, key, None) if row else None,
                )
                names.append(name)
            self.groups.append((target, [self[name] for name in names]))

    def values(self) -> dict:
        result = {}
        for target, fields in self.groups:
            entry = {}
            for bound in fields:
                key = bound.name.split("_", 1)[1]
                value = self.cleaned_data.get(bound.name)
                if value is not None:
                    entry[key] = value
            if entry:
                result[target.pk] = entry
        return result
