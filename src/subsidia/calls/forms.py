"""Forms of the officer pages. They only shape the input; the services check the rules and say what is "
"wrong."""

import datetime as dt
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from subsidia.consultations.models import Priority
from subsidia.core import clock
from subsidia.programmes.models import Programme, Region
from subsidia.reference.models import (
    ActionType,
    ImplementationMeasure,
    ImplementationModality,
    InterventionField,
    NutsArea,
    SpecificObjective,
)

from .constants import (
    DOCUMENT_LANGUAGES,
    AttachmentType,
    ConsolidationMethod,
    CostCategory,
    CostOptionKind,
    FlatRate,
    TieBreakFinal,
)

LANGUAGE_LABELS = {"nl": _("Dutch"), "fr": _("French"), "en": _("English")}


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        if isinstance(value, dt.datetime):
            value = clock.to_local(value) if value.tzinfo else value
            return value.strftime("%Y-%m-%dT%H:%M")
        return value


class LocalDateTimeField(forms.Field):
    """A Brussels wall-clock date and time, kept naive: the service makes it an instant and refuses a time
    that a
    daylight-saving change skips or repeats, with a message that says so."""

    widget = LocalDateTimeInput

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        try:
            return dt.datetime.fromisoformat(str(value).strip().replace(" ", "T"))
        except ValueError as exc:
            raise forms.ValidationError(_("Enter a date and time such as 2025-03-01 12:00."), code="invalid") from exc


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class PercentField(forms.DecimalField):
    """A rate typed as a percentage (90) and handed on as a fraction (0.9000)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 6)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", Decimal("0"))
        kwargs.setdefault("max_value", Decimal("100"))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return None if value is None else (value / 100).quantize(Decimal("0.0001"))


def text_fields(names: dict, *, textarea=(), rows=4) -> dict:
    """``title_nl``/``title_fr``/``title_en``…, the official language marked as required and binding."""
    fields = {}
    official = settings.SUBSIDIA_OFFICIAL_LANGUAGE
    for name, label in names.items():
        for lang in ("nl", "fr", "en"):
            widget = forms.Textarea(attrs={"rows": rows}) if name in textarea else forms.TextInput()
            help_text = _("Official language: this text is binding.") if lang == official else _("Translation.")
            fields[f"{name}_{lang}"] = forms.CharField(
                label=f"{label} ({LANGUAGE_LABELS[lang]})", required=False, widget=widget, help_text=help_text
            )
    return fields


class GroupedForm(forms.Form):
    groups_spec: list = []

    def groups(self):
        return [(legend, [self[name] for name in names if name in self.fields]) for legend, names in self.groups_spec]


TEXTS = {
    "title": _("Title"),
    "summary": _("Summary"),
    "description": _("Call text"),
    "eligible_applicants": _("Who may apply"),
}


class CallForm(GroupedForm):
    groups_spec = [
        (_("Call"), ["programme", "reference"]),
        (_("Texts"), [f"{n}_{lang}" for n in TEXTS for lang in ("nl", "fr", "en")] + ["contact"]),
        (
            _("What the call funds"),
            [
                "specific_objective",
                "implementation_measures",
                "intervention_fields",
                "action_type",
                "priorities",
            ],
        ),
        (_("Who runs it and where"), ["region", "eligible_area"]),
        (
            _("Money"),
            [
                "implementation_modality",
                "budget",
                "cofinancing_rate",
                "min_grant",
                "max_grant",
                "partial_funding_allowed",
                "draft_budget_allowed",
            ],
        ),
        (_("Dates (Brussels time)"), ["opens_at", "closes_at"]),
        (
            _("Assessment"),
            [
                "overall_threshold",
                "tie_break_final",
                "number_of_assessors",
                "consolidation",
                "disagreement_gap",
            ],
        ),
    ]

    def __init__(self, *args, call=None, budget_preview_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"] = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all())
        self.fields["reference"] = forms.CharField(
            label=_("Reference"), max_length=40, help_text=_("For example AMIF-VLG-2025-01.")
        )
        self.fields.update(text_fields(TEXTS, textarea=("summary", "description", "eligible_applicants")))
        self.fields["contact"] = forms.CharField(
            label=_("Contact for questions"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text=_("Not part of the approved content: it can be corrected at any time."),
        )
        objectives = SpecificObjective.objects.filter(is_technical_assistance=False).select_related("fund")
        self.fields["specific_objective"] = forms.ModelChoiceField(label=_("Specific objective"), queryset=objectives)
        self.fields["specific_objective"].label_from_instance = lambda o: o.label
        scope = {"objective": call.specific_objective} if call else {"objective__in": objectives}
        measures = forms.ModelMultipleChoiceField(
            label=_("Implementation measures"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            queryset=ImplementationMeasure.objects.filter(**scope).select_related("objective"),
        )
        measures.label_from_instance = lambda m: f"{m.objective.code}({m.letter}) {m.text[:120]}"
        self.fields["implementation_measures"] = measures
        self.fields["intervention_fields"] = forms.ModelMultipleChoiceField(
            label=_("Intervention fields"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            queryset=InterventionField.objects.filter(**scope).select_related("objective"),
        )
        self.fields["action_type"] = forms.ModelChoiceField(
            label=_("Type of action"), required=False, queryset=ActionType.objects.all()
        )
        priorities = Priority.objects.select_related("programme")
        if call:
            priorities = priorities.filter(programme=call.programme)
        self.fields["priorities"] = forms.ModelMultipleChoiceField(
            label=_("Priorities served"),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            queryset=priorities,
        )
        self.fields["region"] = forms.ModelChoiceField(
            label=_("Region or delegated body running the call"), queryset=Region.objects.all()
        )
        self.fields["eligible_area"] = forms.ModelMultipleChoiceField(
            label=_("Eligible area"),
            required=False,
            queryset=NutsArea.objects.all(),
            widget=forms.SelectMultiple(attrs={"size": 8}),
            help_text=_("Where applicants or their activities may be located; may reach beyond the region."),
        )
        self.fields["implementation_modality"] = forms.ModelChoiceField(
            label=_("Implementation modality"),
            queryset=ImplementationModality.objects.select_related("cofinancing_rule"),
        )
        self.fields["budget"] = forms.DecimalField(
            label=_("Budget (EU contribution available, EUR)"),
            max_digits=14,
            decimal_places=2,
            min_value=0,
            help_text=_("The total eligible cost follows from the co-financing rate."),
        )
        self.fields["cofinancing_rate"] = PercentField(label=_("Co-financing rate (%)"))
        self.fields["min_grant"] = forms.DecimalField(
            label=_("Minimum grant (EUR)"), max_digits=14, decimal_places=2, min_value=0, required=False
        )
        self.fields["max_grant"] = forms.DecimalField(
            label=_("Maximum grant (EUR)"), max_digits=14, decimal_places=2, min_value=0
        )
        self.fields["partial_funding_allowed"] = forms.BooleanField(
            label=_("The last application above the funding line may be funded in part"), required=False
        )
        self.fields["draft_budget_allowed"] = forms.BooleanField(
            label=_("A draft budget agreed in advance may replace simplified cost options (CPR art. 53(3)(b))"),
            required=False,
        )
        self.fields["opens_at"] = LocalDateTimeField(label=_("Opens at"))
        self.fields["closes_at"] = LocalDateTimeField(
            label=_("Closes at"), help_text=_("Submissions are accepted until this moment.")
        )
        self.fields["overall_threshold"] = forms.DecimalField(
            label=_("Overall threshold (points)"), required=False, max_digits=7, decimal_places=2, min_value=0
        )
        self.fields["tie_break_final"] = forms.ChoiceField(
            label=_("Finally, on a tie"),
            choices=TieBreakFinal.choices,
            help_text=_("After the criteria ranked for ties."),
        )
        self.fields["number_of_assessors"] = forms.IntegerField(
            label=_("Assessors per application"), min_value=1, max_value=9, initial=2
        )
        self.fields["consolidation"] = forms.ChoiceField(
            label=_("Consolidation of scores"), choices=ConsolidationMethod.choices
        )
        self.fields["disagreement_gap"] = forms.DecimalField(
            label=_("Score gap that flags disagreement (points)"),
            required=False,
            max_digits=7,
            decimal_places=2,
            min_value=0,
        )
        if call is not None:
            del self.fields["programme"]
        live = {
            "hx-post": budget_preview_url,
            "hx-trigger": "change, input changed delay:400ms",
            "hx-target": "#budget-room",
            "hx-include": "closest form",
        }
        if budget_preview_url:
            for name in (
                "budget",
                "cofinancing_rate",
                "specific_objective",
                "region",
                "implementation_modality",
                "programme",
            ):
                if name in self.fields:
                    self.fields[name].widget.attrs.update(live)

    @staticmethod
    def initial_from(call) -> dict:
        initial = {
            name: getattr(call, name)
            for name in (
                "reference",
                "contact",
                "specific_objective",
                "action_type",
                "region",
                "implementation_modality",
                "budget",
                "cofinancing_rate",
                "min_grant",
                "max_grant",
                "opens_at",
                "closes_at",
                "overall_threshold",
                "tie_break_final",
                "number_of_assessors",
                "partial_funding_allowed",
                "consolidation",
                "disagreement_gap",
                "draft_budget_allowed",
            )
        }
        for name in TEXTS:
            for lang in ("nl", "fr", "en"):
                initial[f"{name}_{lang}"] = getattr(call, f"{name}_{lang}")
        for name in ("implementation_measures", "intervention_fields", "priorities", "eligible_area"):
            initial[name] = list(getattr(call, name).all())
        initial["cofinancing_rate"] = (call.cofinancing_rate * 100).normalize()
        return initial


class EligibilityCriterionForm(forms.Form):
    position = forms.IntegerField(label=_("Position"), required=False, min_value=1, max_value=999)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            text_fields({"text": _("Criterion"), "explanation": _("Explanation")}, textarea=("explanation",), rows=2)
        )


class AwardCriterionForm(forms.Form):
    position = forms.IntegerField(label=_("Position"), required=False, min_value=1, max_value=999)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            text_fields({"title": _("Title"), "description": _("Description")}, textarea=("description",), rows=2)
        )
        self.fields["max_points"] = forms.DecimalField(label=_("Maximum points"), max_digits=7, decimal_places=2)
        self.fields["weight"] = forms.DecimalField(
            label=_("Weight"), max_digits=6, decimal_places=3, initial=1, required=False
        )
        self.fields["threshold"] = forms.DecimalField(
            label=_("Minimum threshold (points)"), max_digits=7, decimal_places=2, required=False
        )
        self.fields["tie_break_rank"] = forms.IntegerField(
            label=_("Tie-break rank"),
            required=False,
            min_value=1,
            max_value=99,
            help_text=_("On equal total scores, the criterion ranked 1 decides first, then 2, …"),
        )


class CostOptionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=CostOptionKind.choices)
    category = forms.ChoiceField(
        label=_("Cost category (real costs)"), required=False, choices=[("", "—"), *CostCategory.choices]
    )
    flat_rate = forms.ChoiceField(label=_("Flat rate"), required=False, choices=[("", "—"), *FlatRate.choices])
    rate = PercentField(
        label=_("Rate (%)"),
        required=False,
        help_text=_("Empty: the maximum the regulation allows for this flat rate."),
    )
    amount = forms.DecimalField(
        label=_("Amount (EUR, lump sum or per unit)"), required=False, max_digits=14, decimal_places=2
    )
    position = forms.IntegerField(label=_("Position"), required=False, min_value=1, max_value=999)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            text_fields(
                {
                    "title": _("Title (lump sum, unit cost)"),
                    "description": _("Conditions"),
                    "unit": _("Unit"),
                },
                textarea=("description",),
                rows=2,
            )
        )


class RequiredAttachmentForm(forms.Form):
    position = forms.IntegerField(label=_("Position"), required=False, min_value=1, max_value=999)
    is_mandatory = forms.BooleanField(label=_("Mandatory"), required=False, initial=True)
    file_types = forms.MultipleChoiceField(
        label=_("Accepted file types"),
        choices=AttachmentType.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=["pdf"],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            text_fields({"title": _("Title"), "description": _("Description")}, textarea=("description",), rows=2)
        )


class DocumentForm(forms.Form):
    upload = forms.FileField(label=_("File"), help_text=_("PDF, Word, OpenDocument, Excel or an image."))
    language = forms.ChoiceField(
        label=_("Language of the document"),
        required=False,
        choices=[("", _("several / none")), *DOCUMENT_LANGUAGES],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(text_fields({"title": _("Title")}))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the committee"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )


class PlannedCallForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            text_fields(
                {"title": _("Title"), "eligible_applicants": _("Who may apply")},
                textarea=("eligible_applicants",),
                rows=2,
            )
        )
        self.fields["specific_objective"] = forms.ModelChoiceField(
            label=_("Specific objective"),
            queryset=SpecificObjective.objects.filter(is_technical_assistance=False),
        )
        self.fields["specific_objective"].label_from_instance = lambda o: o.label
        self.fields["region"] = forms.ModelChoiceField(
            label=_("Region or delegated body"), queryset=Region.objects.all()
        )
        self.fields["eligible_area"] = forms.ModelMultipleChoiceField(
            label=_("Eligible area"),
            required=False,
            queryset=NutsArea.objects.all(),
            widget=forms.SelectMultiple(attrs={"size": 6}),
        )
        self.fields["indicative_budget"] = forms.DecimalField(
            label=_("Indicative budget (EU contribution, EUR)"), max_digits=14, decimal_places=2, min_value=0
        )
        self.fields["planned_opening"] = forms.DateField(label=_("Planned opening"), widget=DateInput())
        self.fields["planned_closing"] = forms.DateField(label=_("Planned closing"), widget=DateInput())


class CalendarConfirmForm(forms.Form):
    note = forms.CharField(
        label=_("What was reviewed or changed"), max_length=500, initial=_("Calendar reviewed; no changes.")
    )
