"""Forms of the assessment pages. They only shape the input; the services check the rules and say what is
wrong (points out of range, a missing justification or reason, four eyes, the call's budget)."""

import datetime as dt

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from subsidia.core import clock
from subsidia.core.money import AmountError, parse_amount
from subsidia.core.roles import ASSESSOR

from .constants import ComplaintChannel, ComplaintOutcome
from .fields import PointsError, parse_points

YES_NO = [("yes", _("Yes")), ("no", _("No"))]


def textarea(rows=3):
    return forms.Textarea(attrs={"rows": rows})


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=textarea(), max_length=4000)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Why it goes back"), widget=textarea(), max_length=4000)


class ConcludeForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons for the decision"),
        required=False,
        widget=textarea(4),
        max_length=10000,
        help_text=_("Required when the application is not eligible: they go into the letter to the applicant."),
    )


class ChecklistForm(forms.Form):
    """One yes/no question per line of the checklist, with the reason (required for every "no")."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            initial = None
            if row.answer is not None:
                initial = "yes" if row.answer.met else "no"
            self.fields[f"met_{row.key}"] = forms.ChoiceField(
                label=row.text, choices=YES_NO, widget=forms.RadioSelect, required=False, initial=initial
            )
            self.fields[f"reason_{row.key}"] = forms.CharField(
                label=_("Reason"),
                required=False,
                widget=textarea(2),
                max_length=4000,
                initial=row.answer.reason if row.answer else "",
            )

    def clean(self):
        data = super().clean()
        for row in self.rows:
            if data.get(f"met_{row.key}") == "no" and not (data.get(f"reason_{row.key}") or "").strip():
                self.add_error(f"reason_{row.key}", _("Give the reason for every “no”."))
        return data

    def answers(self):
        """(row, met, reason) for each line answered in this form, in checklist order."""
        for row in self.rows:
            value = self.cleaned_data.get(f"met_{row.key}")
            if value in ("yes", "no"):
                yield row, value == "yes", (self.cleaned_data.get(f"reason_{row.key}") or "").strip()

    def bound_rows(self):
        return [(row, self[f"met_{row.key}"], self[f"reason_{row.key}"]) for row in self.rows]


class AssessorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class AssignForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Application"), queryset=None)
    assessor = AssessorChoiceField(label=_("Assessor"), queryset=None)
    lead = forms.BooleanField(label=_("Lead assessor"), required=False)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: f"{a.reference} · {a.title}"
        self.fields["assessor"].queryset = (
            get_user_model().objects.filter(groups__name=ASSESSOR, is_active=True).order_by("last_name", "username")
        )


class DeclarationForm(forms.Form):
    has_conflict = forms.ChoiceField(
        label=_("Do you have a conflict of interest for this application?"),
        choices=[("no", _("No, I have no conflict of interest")), ("yes", _("Yes, I have a conflict of interest"))],
        widget=forms.RadioSelect,
    )
    conflict_reason = forms.CharField(
        label=_("Nature of the conflict"),
        required=False,
        widget=textarea(),
        max_length=2000,
        help_text=_("Only when you declare a conflict: you are then removed from this application."),
    )

    def clean(self):
        data = super().clean()
        if data.get("has_conflict") == "yes" and not (data.get("conflict_reason") or "").strip():
            self.add_error("conflict_reason", _("Describe the conflict of interest."))
        return data


class ScoreForm(forms.Form):
    """Points and justification per award criterion. Points are checked against the maximum here for a quick
    message; the service and the database check them again."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            c = row.criterion
            self.fields[f"points_{c.pk}"] = forms.CharField(
                label=_("Points (0 to %(max)s)") % {"max": c.max_points},
                required=False,
                max_length=12,
                initial="" if row.score is None or row.score.points is None else row.score.points,
                widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 8}),
            )
            self.fields[f"justification_{c.pk}"] = forms.CharField(
                label=_("Justification"),
                required=False,
                widget=textarea(4),
                max_length=6000,
                initial=row.score.justification if row.score else "",
            )

    def clean(self):
        data = super().clean()
        for row in self.rows:
            c = row.criterion
            name = f"points_{c.pk}"
            raw = (data.get(name) or "").strip().replace(",", ".")
            if not raw:
                data[name] = None
                continue
            try:
                points = parse_points(raw)
            except PointsError:
                self.add_error(name, _("Enter points with at most two decimals."))
                continue
            if points < 0 or points > c.max_points:
                self.add_error(name, _("Points are between 0 and %(max)s.") % {"max": c.max_points})
                continue
            data[name] = points
        return data

    def entries(self):
        """(criterion, points or None, justification) for every criterion with something entered."""
        for row in self.rows:
            c = row.criterion
            points = self.cleaned_data.get(f"points_{c.pk}")
            justification = (self.cleaned_data.get(f"justification_{c.pk}") or "").strip()
            if points is not None or justification or row.score is not None:
                yield c, points, justification

    def bound_rows(self):
        return [
            (row, self[f"points_{row.criterion.pk}"], self[f"justification_{row.criterion.pk}"]) for row in self.rows
        ]


class WhatIfForm(forms.Form):
    """Budget and thresholds to try on the ranking; nothing is saved."""

    budget = forms.CharField(label=_("Budget (EU contribution, EUR)"), required=False, max_length=20)
    overall = forms.CharField(label=_("Overall threshold (points)"), required=False, max_length=12)

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for c in self.criteria:
            self.fields[f"threshold_{c.pk}"] = forms.CharField(
                label=_("Threshold for “%(title)s”") % {"title": c.title}, required=False, max_length=12
            )

    def clean_budget(self):
        raw = (self.cleaned_data.get("budget") or "").strip()
        if not raw:
            return None
        try:
            value = parse_amount(raw)
        except AmountError:
            raise forms.ValidationError(_("Enter an amount in euro, for example 250000.00.")) from None
        if value < 0:
            raise forms.ValidationError(_("The budget cannot be negative."))
        return value

    def _points(self, name):
        raw = (self.cleaned_data.get(name) or "").strip().replace(",", ".")
        if not raw:
            return None
        try:
            value = parse_points(raw)
        except PointsError:
            raise forms.ValidationError(_("Enter points with at most two decimals.")) from None
        if value < 0:
            raise forms.ValidationError(_("A threshold cannot be negative."))
        return value

    def clean_overall(self):
        return self._points("overall")

    def clean(self):
        data = super().clean()
        for c in self.criteria:
            name = f"threshold_{c.pk}"
            try:
                data[name] = self._points(name)
            except forms.ValidationError as exc:
                self.add_error(name, exc)
        return data

    def changes(self) -> dict:
        """Only what differs from the call: ``budget``, ``overall_threshold``, ``thresholds``."""
        if not self.is_bound or not self.is_valid():
            return {}
        data = self.cleaned_data
        changes = {}
        if data.get("budget") is not None:
            changes["budget"] = data["budget"]
        if data.get("overall") is not None:
            changes["overall_threshold"] = data["overall"]
        thresholds = {
            c.pk: data[f"threshold_{c.pk}"] for c in self.criteria if data.get(f"threshold_{c.pk}") is not None
        }
        if thresholds:
            changes["thresholds"] = thresholds
        return changes


class PrepareForm(forms.Form):
    reasons = forms.CharField(
        label=_("Reasons of the decision"),
        required=False,
        widget=textarea(4),
        max_length=20000,
        help_text=_("How the ranking and the funding line follow from the approved criteria and the budget."),
    )


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def format_value(self, value):
        if isinstance(value, dt.datetime):
            return clock.to_local(value).strftime("%Y-%m-%dT%H:%M")
        return value


class ComplaintForm(forms.Form):
    application = forms.ModelChoiceField(label=_("Application"), queryset=None)
    channel = forms.ChoiceField(label=_("Received through"), choices=ComplaintChannel.choices)
    received_at = forms.CharField(label=_("Received at (Brussels time)"), widget=LocalDateTimeInput())
    subject = forms.CharField(label=_("Subject"), max_length=200)
    text = forms.CharField(label=_("Complaint"), widget=textarea(6), max_length=20000)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["application"].label_from_instance = lambda a: f"{a.reference} · {a.organisation.legal_name}"

    def clean_received_at(self):
        raw = (self.cleaned_data.get("received_at") or "").strip()
        try:
            naive = dt.datetime.fromisoformat(raw)
        except ValueError:
            raise forms.ValidationError(_("Enter a date and time, for example 2025-03-14 10:30.")) from None
        if naive.tzinfo is not None:
            naive = naive.replace(tzinfo=None)
        try:
            return clock.make_aware_local(naive)
        except clock.LocalTimeError:
            raise forms.ValidationError(
                _("This time does not exist or is ambiguous in Brussels (change to or from summer time).")
            ) from None


class ComplaintAnswerForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ComplaintOutcome.choices)
    answer = forms.CharField(label=_("Answer"), widget=textarea(6), max_length=20000)
