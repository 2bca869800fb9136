"""Forms of the pages. They only shape input; the services decide what is valid and say why."""

from django import forms
from django.utils.translation import gettext_lazy as _

from subsidia.calls.constants import CostCategory, CostOptionKind
from subsidia.reference.models import Indicator, NutsArea

from .constants import LegalForm, MemberRole, OrganisationType


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def _textarea(rows=4):
    return forms.Textarea(attrs={"rows": rows})


class OrganisationForm(forms.Form):
    legal_name = forms.CharField(label=_("Legal name"), max_length=200)
    legal_form = forms.ChoiceField(label=_("Legal form"), choices=LegalForm.choices)
    organisation_type = forms.ChoiceField(label=_("Type of organisation"), choices=OrganisationType.choices)
    enterprise_number = forms.CharField(
        label=_("Enterprise number (KBO/BCE)"),
        max_length=20,
        required=False,
        help_text=_("Ten digits, e.g. 0123.456.749. Not needed for a de facto association or a foreign organisation."),
    )
    other_identifier = forms.CharField(
        label=_("Other identifier"),
        max_length=60,
        required=False,
        help_text=_(
            "Without an enterprise number: a foreign registration number, or for a de facto association the "
            "name of its representative."
        ),
    )
    vat_number = forms.CharField(label=_("VAT number"), max_length=20, required=False)
    vat_recoverable = forms.BooleanField(
        label=_("The organisation recovers VAT"),
        required=False,
        help_text=_("Recoverable VAT is not an eligible cost: budget amounts then exclude VAT."),
    )
    street = forms.CharField(label=_("Street and number"), max_length=200)
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    city = forms.CharField(label=_("City or municipality"), max_length=100)
    country = forms.CharField(label=_("Country (two letters)"), max_length=2, initial="BE")
    nuts = forms.ModelChoiceField(
        label=_("Province or region"),
        required=False,
        queryset=NutsArea.objects.filter(code__startswith="BE", level__gte=1).order_by("code"),
        help_text=_("Only asked when the postcode cannot be placed automatically."),
    )
    email = forms.CharField(label=_("E-mail address"), max_length=254, required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=30, required=False)
    website = forms.CharField(label=_("Website"), max_length=200, required=False)

    def __init__(self, *args, postcode_url="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nuts"].label_from_instance = lambda area: f"{area.name} ({area.code})"
        if postcode_url:
            self.fields["postcode"].widget.attrs.update(
                {
                    "hx-get": postcode_url,
                    "hx-trigger": "input changed delay:300ms, change",
                    "hx-target": "#nuts-hint",
                    "hx-include": "[name=postcode],[name=country]",
                    "aria-describedby": "nuts-hint",
                }
            )


class MemberForm(forms.Form):
    identifier = forms.CharField(label=_("Username or e-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices, initial=MemberRole.EDITOR)


class ApplicationCreateForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Applicant organisation"), queryset=None)
    title = forms.CharField(label=_("Project title"), max_length=200)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class GeneralForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200)
    acronym = forms.CharField(label=_("Short name"), max_length=30, required=False)
    summary = forms.CharField(label=_("Summary"), max_length=3000, required=False, widget=_textarea(4))
    objectives = forms.CharField(label=_("Objectives"), max_length=6000, required=False, widget=_textarea(6))
    target_group_description = forms.CharField(
        label=_("Who the project reaches and how"), max_length=4000, required=False, widget=_textarea(4)
    )
    start_date = forms.DateField(label=_("Start date"), required=False, widget=DateInput())
    end_date = forms.DateField(label=_("End date"), required=False, widget=DateInput())


class ActivityForm(forms.Form):
    title = forms.CharField(label=_("Activity"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=3000, required=False, widget=_textarea(3))
    start_date = forms.DateField(label=_("From"), widget=DateInput())
    end_date = forms.DateField(label=_("Until"), widget=DateInput())
    deliverables = forms.CharField(label=_("Deliverables"), max_length=2000, required=False, widget=_textarea(2))


class TargetGroupForm(forms.Form):
    name = forms.CharField(label=_("Target group"), max_length=200)
    expected_people = forms.IntegerField(label=_("People expected to take part"), min_value=0, max_value=10_000_000)


class LocationForm(forms.Form):
    postcode = forms.CharField(label=_("Postcode"), max_length=4)
    municipality = forms.CharField(label=_("Municipality"), max_length=100)


class PartnerForm(forms.Form):
    name = forms.CharField(label=_("Partner"), max_length=200)
    organisation_type = forms.ChoiceField(label=_("Type of organisation"), choices=OrganisationType.choices)
    enterprise_number = forms.CharField(label=_("Enterprise number (KBO/BCE)"), max_length=20, required=False)
    other_identifier = forms.CharField(label=_("Other identifier"), max_length=60, required=False)
    country = forms.CharField(label=_("Country (two letters)"), max_length=2, initial="BE")
    role = forms.CharField(label=_("Role in the project"), max_length=2000, widget=_textarea(2))


class IndicatorTargetForm(forms.Form):
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=Indicator.objects.none())
    target = forms.IntegerField(label=_("Target"), min_value=1, max_value=10_000_000)
    age_under_18 = forms.IntegerField(label=_("Under 18"), min_value=0, required=False, initial=0)
    age_18_60 = forms.IntegerField(label=_("18 to 60"), min_value=0, required=False, initial=0)
    age_over_60 = forms.IntegerField(label=_("Over 60"), min_value=0, required=False, initial=0)
    women = forms.IntegerField(label=_("Women"), min_value=0, required=False, initial=0)
    men = forms.IntegerField(label=_("Men"), min_value=0, required=False, initial=0)
    non_binary = forms.IntegerField(label=_("Non-binary or not stated"), min_value=0, required=False, initial=0)

    BREAKDOWN = ("age_under_18", "age_18_60", "age_over_60", "women", "men", "non_binary")

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = Indicator.objects.filter(objective=call.specific_objective).order_by("id")
        self.fields["indicator"].label_from_instance = lambda i: f"{i.code} — {i.title} ({i.unit})"
        self.fields["indicator"].help_text = _(
            "Indicators on persons are broken down by age and by gender (AMIF Annex VIII); each breakdown "
            "adds up "
            "to the target."
        )


class BudgetLineForm(forms.Form):
    call_option = forms.ModelChoiceField(label=_("Cost option"), queryset=None)
    category = forms.ChoiceField(
        label=_("Cost category"),
        required=False,
        help_text=_("Only for a unit cost or lump sum the call does not tie to a category."),
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    amount = forms.CharField(
        label=_("Amount (EUR)"),
        max_length=20,
        required=False,
        help_text=_("Real costs: the amount in euro, e.g. 12500.00."),
    )
    quantity = forms.CharField(
        label=_("Quantity"),
        max_length=20,
        required=False,
        help_text=_("Unit costs and lump sums: how many units."),
    )

    def __init__(self, *args, application, years, preview_url="", **kwargs):
        super().__init__(*args, **kwargs)
        call = application.call
        self.fields["call_option"].queryset = call.cost_options.filter(
            kind__in=[CostOptionKind.REAL_COSTS, CostOptionKind.UNIT_COST, CostOptionKind.LUMP_SUM]
        ).order_by("position", "id")
        self.fields["call_option"].label_from_instance = _option_label
        self.fields["category"].choices = [("", "—")] + [
            (c, label) for c, label in CostCategory.choices if c != CostCategory.INDIRECT
        ]
        self.fields["year"].choices = [(y, y) for y in years]
        if preview_url:
            live = {
                "hx-post": preview_url,
                "hx-trigger": "input changed delay:300ms, change",
                "hx-target": "#budget-preview",
                "hx-include": "closest form",
            }
            for name in ("call_option", "category", "year", "amount", "quantity"):
                self.fields[name].widget.attrs.update(live)


def _option_label(option) -> str:
    from django.utils.translation import gettext as _g

    from subsidia.core.formatting import money

    if option.kind == CostOptionKind.REAL_COSTS:
        return option.label
    unit = option.unit or _g("unit")
    kind = CostOptionKind(option.kind).label
    return f"{kind}: {option.title} ({money(option.amount)} / {unit})"


class FlatRatesForm(forms.Form):
    keys = forms.MultipleChoiceField(label=_("Flat rates applied"), required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        from subsidia.calls.constants import FlatRate
        from subsidia.core.formatting import percent

        options = call.cost_options.filter(kind=CostOptionKind.FLAT_RATE).order_by("position", "id")
        self.fields["keys"].choices = [
            (o.flat_rate, f"{FlatRate(o.flat_rate).label}: {percent(o.rate, decimals=0)}") for o in options
        ]


class CofinancingForm(forms.Form):
    cofinancing_rate = forms.DecimalField(
        label=_("Co-financing rate requested"),
        max_digits=5,
        decimal_places=4,
        min_value=0,
        max_value=1,
        help_text=_("As a fraction: 0.75 for 75 %. At most the call's rate."),
    )
    other_public_funding = forms.CharField(label=_("Other public funding (EUR)"), max_length=20, required=False)
    other_public_funding_source = forms.CharField(
        label=_("Source of the other public funding"), max_length=300, required=False
    )
    own_contribution = forms.CharField(label=_("Own contribution (EUR)"), max_length=20, required=False)
    draft_budget = forms.BooleanField(
        label=_("The budget is a draft budget for the managing authority to set a lump sum (CPR art. 53(3)(b))"),
        required=False,
    )

    def __init__(self, *args, preview_url="", allow_draft_budget=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_draft_budget:
            del self.fields["draft_budget"]
        if preview_url:
            live = {
                "hx-post": preview_url,
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#plan-preview",
                "hx-include": "closest form",
            }
            for name in ("cofinancing_rate", "other_public_funding", "own_contribution"):
                self.fields[name].widget.attrs.update(live)


class AttachmentForm(forms.Form):
    requirement = forms.ModelChoiceField(
        label=_("Document"), queryset=None, required=False, empty_label=_("Other supporting document")
    )
    description = forms.CharField(label=_("Description"), max_length=200, required=False)
    upload = forms.FileField(label=_("File"))

    def __init__(self, *args, call, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = call.required_attachments.order_by("position", "id")
        self.fields["requirement"].label_from_instance = lambda r: r.title


class DeclarationsForm(forms.Form):
    on_honour = forms.BooleanField(required=False)
    no_double_funding = forms.BooleanField(required=False)
    not_completed = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .constants import Declaration

        for name in self.fields:
            self.fields[name].label = Declaration(name).label


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason (optional)"), max_length=2000, required=False, widget=_textarea(2))
