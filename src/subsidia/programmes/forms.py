from django import forms
from django.utils.translation import gettext_lazy as _

from subsidia.reference.models import Fund, ImplementationModality, SpecificObjective

from .models import Allocation, ProgrammeVersion, Region


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


class ProgrammeForm(forms.Form):
    cci = forms.CharField(label=_("CCI code"), max_length=15, help_text=_("For example 2021BE65AMPR001."))
    fund = forms.ModelChoiceField(label=_("Fund"), queryset=Fund.objects.all())
    member_state = forms.CharField(label=_("Member state"), max_length=2, initial="BE")
    title_nl = forms.CharField(label=_("Title (Dutch)"), max_length=300)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    eligibility_start = forms.DateField(label=_("Expenditure eligible from"), required=False, widget=DateInput())
    eligibility_end = forms.DateField(label=_("Expenditure eligible until"), required=False, widget=DateInput())


class VersionForm(forms.ModelForm):
    class Meta:
        model = ProgrammeVersion
        fields = [
            "title_nl",
            "title_fr",
            "title_en",
            "eligibility_start",
            "eligibility_end",
            "amendment_reason",
            "justification_min_share_so1",
            "justification_min_share_so2",
            "justification_operating_support",
        ]
        widgets = {
            "eligibility_start": DateInput(),
            "eligibility_end": DateInput(),
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in (
                    "amendment_reason",
                    "justification_min_share_so1",
                    "justification_min_share_so2",
                    "justification_operating_support",
                )
            },
        }


class AllocationForm(forms.ModelForm):
    class Meta:
        model = Allocation
        fields = [
            "specific_objective",
            "region",
            "implementation_modality",
            "year",
            "eu_contribution",
            "national_contribution",
        ]

    def __init__(self, *args, version: ProgrammeVersion, preview_url: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        fund = version.programme.fund
        self.fields["specific_objective"].queryset = SpecificObjective.objects.filter(fund=fund)
        self.fields["specific_objective"].label_from_instance = lambda o: o.label
        self.fields["region"].queryset = Region.objects.all()
        self.fields["implementation_modality"].queryset = ImplementationModality.objects.select_related(
            "cofinancing_rule"
        )
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year"), coerce=int, choices=[(y, y) for y in range(fund.period_start, fund.period_end + 1)]
        )
        live = {
            "hx-post": preview_url,
            "hx-trigger": "input changed delay:300ms, change",
            "hx-target": "#rate-preview",
            "hx-include": "closest form",
        }
        for name in ("eu_contribution", "national_contribution", "implementation_modality"):
            self.fields[name].widget.attrs.update(live)

    def _post_clean(self):
        # Model validation runs in the service, which knows the fund's rules; skip ModelForm's own.
        pass


class AdoptForm(forms.Form):
    decision_number = forms.CharField(
        label=_("Commission decision number"), max_length=40, help_text=_("For example C(2022) 8028.")
    )
    decision_date = forms.DateField(label=_("Commission decision date"), widget=DateInput())


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
