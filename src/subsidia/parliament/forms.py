"""Forms of the officer pages. They only shape the input; the services check the rules and say what is wrong."""

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from subsidia.core import clock, formatting

from .constants import EDITABLE_FIELDS
from .models import WrittenQuestion


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _formfield(field, **kwargs):
    if field.name == "official_url":
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class QuestionForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            fields_for_model(
                WrittenQuestion,
                fields=EDITABLE_FIELDS,
                formfield_callback=_formfield,
                widgets={
                    "asked_on": DateInput(),
                    "question_text": forms.Textarea(attrs={"rows": 10}),
                    "answer_text": forms.Textarea(attrs={"rows": 10}),
                },
            )
        )
        self.fields["session"].help_text = _("For example 2021-2022.")
        self.fields["number"].help_text = _("As the parliament numbers it, e.g. 290.")

    @classmethod
    def initial_from(cls, question: WrittenQuestion) -> dict:
        return {field: getattr(question, field) for field in EDITABLE_FIELDS}


class AnswerForm(forms.Form):
    answer_text = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 10}))
    answered_on = forms.DateField(label=_("Date answered"), widget=DateInput(), initial=clock.today)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class LinkForm(forms.Form):
    earlier = forms.ModelChoiceField(
        label=_("Question in the register"), queryset=WrittenQuestion.objects.none(), required=False
    )
    number = forms.CharField(label=_("or the number of a question not in the register"), max_length=20, required=False)
    session = forms.CharField(label=_("its session"), max_length=9, required=False)
    asked_on = forms.DateField(label=_("its date"), widget=DateInput(), required=False)
    title = forms.CharField(label=_("its title"), max_length=300, required=False)
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, question: WrittenQuestion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["earlier"].queryset = (
            WrittenQuestion.objects.filter(asked_on__lte=question.asked_on)
            .exclude(pk=question.pk)
            .order_by("-asked_on", "-id")
        )
        self.fields["earlier"].label_from_instance = lambda q: f"{q.number} ({q.session}, {q.asked_on}) {q.title}"


class AttachmentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Office or OpenDocument file, PNG or JPEG."))


class PackForm(forms.Form):
    """The answer pack's options: language, and live data or a publication snapshot."""

    language = forms.ChoiceField(
        label=_("Language"), choices=[("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
    )
    as_of = forms.TypedChoiceField(label=_("Data"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, snapshots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["as_of"].choices = [("", _("Live data (now)"))] + [
            (
                s.number,
                _("Publication no. %(number)s of %(day)s") % {"number": s.number, "day": formatting.date(s.data_date)},
            )
            for s in snapshots
        ]
