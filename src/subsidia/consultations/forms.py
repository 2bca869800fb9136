"""Forms of the officers' pages. They collect input; the services decide whether it is acceptable."""

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from subsidia.core import clock
from subsidia.programmes.models import Programme

from .constants import QuestionKind
from .models import Option, Question, StakeholderOrganisation, Survey

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A Brussels wall-clock time, returned naive: the service makes it an instant and explains a time that a
    daylight-saving change skips or repeats."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)
    input_formats = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"]

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value
        value = str(value).strip()
        for fmt in self.input_formats:
            try:
                return dt.datetime.strptime(value, fmt)
            except ValueError:
                continue
        raise forms.ValidationError(_("Enter a date and time, for example 2021-04-30 17:00."), code="invalid")

    def prepare_value(self, value):
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            return clock.to_local(value).replace(tzinfo=None)
        return value

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
        except forms.ValidationError:
            return True
        return self.prepare_value(initial) != data


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m-%d")
        super().__init__(**kwargs)


def _textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class SurveyForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all())
    title_nl = forms.CharField(label=_("Title (Dutch)"), max_length=300)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    introduction_nl = forms.CharField(label=_("Introduction (Dutch)"), required=False, widget=_textarea(4))
    introduction_fr = forms.CharField(label=_("Introduction (French)"), required=False, widget=_textarea(4))
    introduction_en = forms.CharField(label=_("Introduction (English)"), required=False, widget=_textarea(4))
    opens_at = LocalDateTimeField(label=_("Opens at (Brussels time)"))
    closes_at = LocalDateTimeField(label=_("Closes at (Brussels time)"))

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["programme"]


class CloseForm(forms.Form):
    reason = forms.CharField(label=_("Why does the survey close early?"), max_length=2000, widget=_textarea())


class ExtendForm(forms.Form):
    closes_at = LocalDateTimeField(label=_("New closing time (Brussels time)"))


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of question"), choices=QuestionKind.choices)
    text_nl = forms.CharField(label=_("Question (Dutch)"), max_length=500)
    text_fr = forms.CharField(label=_("Question (French)"), max_length=500, required=False)
    text_en = forms.CharField(label=_("Question (English)"), max_length=500, required=False)
    help_nl = forms.CharField(label=_("Explanation (Dutch)"), max_length=500, required=False)
    help_fr = forms.CharField(label=_("Explanation (French)"), max_length=500, required=False)
    help_en = forms.CharField(label=_("Explanation (English)"), max_length=500, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False, initial=True)
    options_nl = forms.CharField(
        label=_("Options (Dutch), one per line"),
        required=False,
        widget=_textarea(6),
        help_text=_("For single choice, multiple choice and ranking questions."),
    )
    options_fr = forms.CharField(
        label=_("Options (French), one per line, in the same order"), required=False, widget=_textarea(6)
    )
    options_en = forms.CharField(
        label=_("Options (English), one per line, in the same order"), required=False, widget=_textarea(6)
    )
    max_choices = forms.IntegerField(
        label=_("At most this many choices (multiple choice)"), required=False, min_value=1
    )
    min_value = forms.CharField(label=_("Lowest number allowed (number questions)"), required=False, max_length=30)
    max_value = forms.CharField(label=_("Highest number allowed (number questions)"), required=False, max_length=30)

    def clean(self):
        data = super().clean()
        dutch, french, english = (_lines(data.get(f"options_{lang}", "")) for lang in ("nl", "fr", "en"))
        for name, lines in (("options_fr", french), ("options_en", english)):
            if lines and len(lines) != len(dutch):
                self.add_error(
                    name, _("Give as many lines as in Dutch (%(n)s), in the same order.") % {"n": len(dutch)}
                )
        data["options"] = [
            {
                "text_nl": nl,
                "text_fr": french[i] if i < len(french) else "",
                "text_en": english[i] if i < len(english) else "",
            }
            for i, nl in enumerate(dutch)
        ]
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        keys = (
            "kind",
            "text_nl",
            "text_fr",
            "text_en",
            "help_nl",
            "help_fr",
            "help_en",
            "required",
            "max_choices",
            "min_value",
            "max_value",
        )
        return {**{k: data.get(k) for k in keys}, "options": data["options"]}

    @classmethod
    def initial_for(cls, question: Question) -> dict:
        options = list(question.options.all())
        initial = {
            f: getattr(question, f)
            for f in (
                "kind",
                "text_nl",
                "text_fr",
                "text_en",
                "help_nl",
                "help_fr",
                "help_en",
                "required",
                "max_choices",
            )
        }
        initial["min_value"] = "" if question.min_value is None else question.min_value.normalize()
        initial["max_value"] = "" if question.max_value is None else question.max_value.normalize()
        for lang in ("nl", "fr", "en"):
            initial[f"options_{lang}"] = "\n".join(getattr(o, f"text_{lang}") for o in options)
        return initial


class InviteForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations to invite"),
        queryset=StakeholderOrganisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, survey: Survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisations"].queryset = (
            StakeholderOrganisation.objects.filter(is_active=True)
            .exclude(invitations__survey=survey)
            .order_by("stakeholder_type", "name")
        )
        self.fields["organisations"].label_from_instance = lambda o: (
            f"{o.name} ({o.get_stakeholder_type_display()}, {o.get_language_display()})"
        )


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = StakeholderOrganisation
        fields = ["name", "stakeholder_type", "email", "language", "municipality", "is_active"]

    def _post_clean(self):
        # The service checks the rules (unique name, valid address) and reports them on the fields.
        pass


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "UTF-8, separated by commas or semicolons, with a first row naming the columns: name, stakeholder_type, "
            "email, language, municipality. A name already in the register updates that organisation."
        ),
    )


class PriorityForm(forms.Form):
    programme = forms.ModelChoiceField(label=_("Programme"), queryset=Programme.objects.all())
    survey = forms.ModelChoiceField(label=_("Drawn from survey"), queryset=Survey.objects.all(), required=False)
    code = forms.CharField(label=_("Code"), max_length=12, help_text=_("Short reference, for example P1."))
    position = forms.IntegerField(label=_("Position in the list"), min_value=0, max_value=999, initial=0)
    title_nl = forms.CharField(label=_("Title (Dutch)"), max_length=300)
    title_fr = forms.CharField(label=_("Title (French)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Title (English)"), max_length=300, required=False)
    description_nl = forms.CharField(label=_("Description (Dutch)"), required=False, widget=_textarea(4))
    description_fr = forms.CharField(label=_("Description (French)"), required=False, widget=_textarea(4))
    description_en = forms.CharField(label=_("Description (English)"), required=False, widget=_textarea(4))

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["programme"]
        self.fields["survey"].label_from_instance = lambda s: s.title


class EvidenceForm(forms.Form):
    question = forms.ModelChoiceField(label=_("Question"), queryset=Question.objects.none())
    option = forms.ModelChoiceField(
        label=_("Answer option (choice and ranking questions)"),
        queryset=Option.objects.none(),
        required=False,
    )
    finding_nl = forms.CharField(label=_("Finding (Dutch)"), required=False, widget=_textarea(2), max_length=2000)
    finding_fr = forms.CharField(label=_("Finding (French)"), required=False, widget=_textarea(2), max_length=2000)
    finding_en = forms.CharField(label=_("Finding (English)"), required=False, widget=_textarea(2), max_length=2000)

    def __init__(self, *args, priority, **kwargs):
        super().__init__(*args, **kwargs)
        questions = Question.objects.filter(survey__programme=priority.programme).select_related("survey")
        if priority.survey_id:
            questions = questions.filter(survey=priority.survey)
        self.fields["question"].queryset = questions.order_by("survey", "position")
        self.fields["question"].label_from_instance = lambda q: f"{q.survey.title} – {q.position}. {q.text}"
        self.fields["option"].queryset = Option.objects.filter(question__in=questions).select_related("question")
        self.fields["option"].label_from_instance = lambda o: f"{o.question.position}. {o.text}"


class AdoptForm(forms.Form):
    adopted_on = forms.DateField(label=_("Adopted in the programme on"), widget=DateInput())


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=_textarea())
