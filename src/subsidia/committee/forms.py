"""Forms of the committee pages. They check the shape of the input; the services check the rules."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from subsidia.core import clock
from subsidia.core.approval_models import ApprovalRequest, ApprovalStatus
from subsidia.programmes.forms import DateInput

from .constants import APPROVING_OUTCOMES, ItemKind, MemberType, Outcome, Seat, VoteChoice
from .models import AgendaItem, Committee, Meeting, Member


class LocalDateTimeField(forms.DateTimeField):
    """A Brussels wall-clock time; refuses a time skipped or repeated at a daylight-saving change."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def to_python(self, value):
        result = super().to_python(value)
        if result is None:
            return None
        naive = result.astimezone(clock.BRUSSELS).replace(tzinfo=None) if result.tzinfo else result
        try:
            return clock.make_aware_local(naive)
        except clock.LocalTimeError as exc:
            raise forms.ValidationError(
                _("This time does not exist or is ambiguous in Brussels (daylight-saving change); choose another.")
            ) from exc

    def prepare_value(self, value):
        if hasattr(value, "astimezone") and getattr(value, "tzinfo", None):
            return clock.to_local(value).strftime("%Y-%m-%dT%H:%M")
        return value


class CommitteeForm(forms.ModelForm):
    class Meta:
        model = Committee
        fields = [
            "programme",
            "name_nl",
            "name_fr",
            "name_en",
            "established_on",
            "quorum_numerator",
            "quorum_denominator",
            "quorum_strict",
            "written_procedure_min_days",
        ]
        widgets = {"established_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["programme"]
        else:
            from subsidia.programmes.models import Programme

            self.fields["programme"].queryset = Programme.objects.filter(committee__isnull=True)

    def _post_clean(self):
        pass  # the service validates against the rules


def language_choices():
    return [(code, name) for code, name in settings.LANGUAGES]


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.CharField(label=_("Organisation"), max_length=300)
    member_type = forms.ChoiceField(label=_("Member type"), choices=MemberType.choices)
    seat = forms.ChoiceField(
        label=_("Seat"),
        choices=Seat.choices,
        help_text=_("Every member votes (CPR art. 39(1)); the Commission and observers are advisory (art. 39(2))."),
    )
    substitute_for = forms.ModelChoiceField(
        label=_("Substitute for"),
        queryset=Member.objects.none(),
        required=False,
        help_text=_("Leave empty for a member; choose the member this person stands in for to add a substitute."),
    )
    account = forms.ModelChoiceField(
        label=_("User account"),
        queryset=None,
        required=False,
        help_text=_("An account with the committee member role, to read papers and vote online."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    language = forms.ChoiceField(label=_("Language of the e-mails"), choices=language_choices)
    term_start = forms.DateField(label=_("Term from"), widget=DateInput())
    term_end = forms.DateField(label=_("Term until"), widget=DateInput(), required=False)

    def __init__(self, *args, committee: Committee, **kwargs):
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        from subsidia.core.roles import COMMITTEE_MEMBER

        self.fields["substitute_for"].queryset = committee.members.filter(substitute_for__isnull=True)
        self.fields["account"].queryset = (
            get_user_model().objects.filter(groups__name=COMMITTEE_MEMBER).order_by("last_name", "username")
        )
        self.fields["account"].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"


class RulesForm(forms.Form):
    text_nl = forms.CharField(label=_("Text (Dutch, official)"), widget=forms.Textarea(attrs={"rows": 12}))
    text_fr = forms.CharField(label=_("Text (French)"), widget=forms.Textarea(attrs={"rows": 12}), required=False)
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 12}), required=False)


class MeetingForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=40, help_text=_("For example MC-2025-01."))
    title = forms.CharField(label=_("Title"), max_length=300)
    starts_at = LocalDateTimeField(label=_("Starts at (Brussels time)"))
    place = forms.CharField(label=_("Place"), max_length=300, required=False)
    online_url = forms.URLField(label=_("Online meeting link"), required=False, assume_scheme="https")


def pending_requests():
    return ApprovalRequest.objects.filter(status=ApprovalStatus.PENDING).select_related("content_type")


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ItemKind.choices, initial=ItemKind.DECISION)
    approval_request = forms.ModelChoiceField(
        label=_("Approval request"),
        queryset=ApprovalRequest.objects.none(),
        required=False,
        help_text=_("The exact content put to the committee; the decision is recorded against its hash."),
    )
    concerned_organisations = forms.CharField(
        label=_("Organisations concerned"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("One per line, e.g. applicants in a call; members of these organisations declare a conflict."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approval_request"].queryset = pending_requests()
        self.fields["approval_request"].label_from_instance = lambda r: f"{r.object_label} [{r.content_hash[:12]}]"


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = members
        self.fields["present"].label_from_instance = lambda m: (
            f"{m.name} — {m.organisation} ({m.get_seat_display()}"
            + (f", {_('substitute for')} {m.substitute_for.name}" if m.substitute_for_id else "")
            + ")"
        )


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices)
    votes_for = forms.IntegerField(label=_("Votes for"), min_value=0, max_value=1000)
    votes_against = forms.IntegerField(label=_("Votes against"), min_value=0, max_value=1000, initial=0)
    abstentions = forms.IntegerField(label=_("Abstentions"), min_value=0, max_value=1000, initial=0)
    conditions = forms.CharField(label=_("Conditions"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class DeclareForm(forms.Form):
    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())
    reason = forms.CharField(label=_("How is the member's organisation concerned?"), max_length=500)

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = members
        self.fields["member"].label_from_instance = lambda m: f"{m.name} — {m.organisation}"


class PaperForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("File"), help_text=_("PDF, Office or OpenDocument file, PNG or JPEG."))
    agenda_item = forms.ModelChoiceField(label=_("Agenda item"), queryset=AgendaItem.objects.none(), required=False)
    is_public = forms.BooleanField(label=_("Publish on the public committee page"), required=False)

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.items.all()
        self.fields["agenda_item"].label_from_instance = lambda i: f"{i.position}. {i.title}"


class ProcedureForm(forms.Form):
    reference = forms.CharField(label=_("Reference"), max_length=40, help_text=_("For example WP-2025-01."))
    title = forms.CharField(label=_("Title"), max_length=300)
    proposal = forms.CharField(label=_("Proposal"), widget=forms.Textarea(attrs={"rows": 5}))
    approval_request = forms.ModelChoiceField(
        label=_("Approval request"), queryset=ApprovalRequest.objects.none(), required=False
    )
    proposed_outcome = forms.ChoiceField(
        label=_("Proposed decision"), choices=[(o.value, o.label) for o in APPROVING_OUTCOMES]
    )
    conditions = forms.CharField(label=_("Conditions"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    deadline = LocalDateTimeField(label=_("Deadline (Brussels time)"))
    tacit = forms.BooleanField(label=_("Tacit approval: no answer by the deadline counts as approval"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approval_request"].queryset = pending_requests()
        self.fields["approval_request"].label_from_instance = lambda r: f"{r.object_label} [{r.content_hash[:12]}]"


class VoteForm(forms.Form):
    choice = forms.ChoiceField(label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), max_length=300)


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 14}))


class MinutesApprovalForm(forms.Form):
    at_meeting = forms.ModelChoiceField(label=_("Approved at the meeting"), queryset=Meeting.objects.none())

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at_meeting"].queryset = Meeting.objects.filter(
            committee=meeting.committee, starts_at__gt=meeting.starts_at, status="held"
        )


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the committee"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )
