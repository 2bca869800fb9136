from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from subsidia.core import clock
from subsidia.core.approval_models import ApprovalRequest

from .. import selectors
from ..constants import APPROVING_OUTCOMES, ItemKind, Outcome, VoteChoice
from ..models import (
    AgendaItem,
    Committee,
    ConflictDeclaration,
    Meeting,
    Member,
    Paper,
    WrittenProcedure,
    WrittenProcedureVote,
)

# --- Public -----------------------------------------------------------------------------------------------


class PublicMemberSerializer(serializers.ModelSerializer):
    substitute_for = serializers.CharField(source="substitute_for.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Member
        fields = ["name", "organisation", "member_type", "seat", "substitute_for", "term_start", "term_end"]


class CommitteeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    programme = serializers.SlugRelatedField(slug_field="cci", read_only=True)
    members = serializers.SerializerMethodField(help_text="Members and substitutes in office today (CPR art. 39).")
    rules_of_procedure = serializers.SerializerMethodField()

    class Meta:
        model = Committee
        fields = [
            "id",
            "programme",
            "name",
            "name_nl",
            "name_fr",
            "name_en",
            "established_on",
            "quorum_numerator",
            "quorum_denominator",
            "quorum_strict",
            "written_procedure_min_days",
            "members",
            "rules_of_procedure",
        ]

    @extend_schema_field(PublicMemberSerializer(many=True))
    def get_members(self, committee):
        members = getattr(committee, "current_members", None)
        if members is None:
            members = selectors.members_on(committee)
        return PublicMemberSerializer(members, many=True).data

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_rules_of_procedure(self, committee):
        rules = selectors.rules_in_force(committee)
        if rules is None:
            return None
        return {
            "version": rules.version,
            "text_nl": rules.text_nl,
            "text_fr": rules.text_fr,
            "text_en": rules.text_en,
        }


class CommitteeCreateSerializer(serializers.ModelSerializer):
    programme = serializers.SlugRelatedField(
        slug_field="cci", queryset=Committee._meta.get_field("programme").related_model.objects.all()
    )

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
        extra_kwargs = {"programme": {"validators": []}}
        validators = []


# --- Members ----------------------------------------------------------------------------------------------


class MemberSerializer(serializers.ModelSerializer):
    account = serializers.SlugRelatedField(source="user", slug_field="username", read_only=True, allow_null=True)

    class Meta:
        model = Member
        fields = [
            "id",
            "committee",
            "name",
            "organisation",
            "member_type",
            "seat",
            "substitute_for",
            "account",
            "email",
            "language",
            "term_start",
            "term_end",
            "position",
        ]
        read_only_fields = ["committee"]


class MemberWriteSerializer(serializers.Serializer):
    committee = serializers.PrimaryKeyRelatedField(queryset=Committee.objects.all(), required=False)
    name = serializers.CharField(max_length=200, required=False)
    organisation = serializers.CharField(max_length=300, required=False)
    member_type = serializers.CharField(max_length=30, required=False)
    seat = serializers.CharField(max_length=20, required=False)
    substitute_for = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all(), required=False, allow_null=True)
    account = serializers.SlugRelatedField(
        slug_field="username",
        required=False,
        allow_null=True,
        queryset=Member._meta.get_field("user").related_model.objects.all(),
    )
    email = serializers.EmailField(required=False, allow_blank=True)
    language = serializers.CharField(max_length=5, required=False)
    term_start = serializers.DateField(required=False)
    term_end = serializers.DateField(required=False, allow_null=True)
    position = serializers.IntegerField(required=False, min_value=0, max_value=32000)


# --- Meetings ---------------------------------------------------------------------------------------------


class DeclarationSerializer(serializers.ModelSerializer):
    member_name = serializers.CharField(source="member.name", read_only=True)

    class Meta:
        model = ConflictDeclaration
        fields = ["id", "member", "member_name", "reason", "declared_at"]


class QuorumSerializer(serializers.Serializer):
    eligible = serializers.IntegerField(help_text="Voting seats not recused")
    present = serializers.IntegerField(help_text="Of which occupied by the member or a substitute")
    required = serializers.IntegerField()
    met = serializers.BooleanField()
    recused = serializers.ListField(child=serializers.CharField())


def quorum_data(quorum) -> dict:
    return {
        "eligible": len(quorum.eligible),
        "present": len(quorum.present),
        "required": quorum.required,
        "met": quorum.met,
        "recused": [s.recused_by.name for s in quorum.recused],
    }


class AgendaItemSerializer(serializers.ModelSerializer):
    approval_request = serializers.PrimaryKeyRelatedField(read_only=True)
    content_hash = serializers.CharField(source="approval_request.content_hash", read_only=True, default=None)
    declarations = DeclarationSerializer(many=True, read_only=True)
    quorum = serializers.SerializerMethodField()
    reference = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True, help_text="decision or information")

    class Meta:
        model = AgendaItem
        fields = [
            "id",
            "meeting",
            "position",
            "reference",
            "title",
            "description",
            "kind",
            "approval_request",
            "content_hash",
            "concerned_organisations",
            "outcome",
            "votes_for",
            "votes_against",
            "abstentions",
            "conditions",
            "seats_eligible",
            "seats_present",
            "quorum_required",
            "decided_at",
            "declarations",
            "quorum",
        ]
        read_only_fields = fields

    @extend_schema_field(QuorumSerializer(allow_null=True))
    def get_quorum(self, item):
        if item.kind != ItemKind.DECISION:
            return None
        return quorum_data(selectors.item_quorum(item))


class AgendaItemWriteSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=ItemKind.choices, default=ItemKind.DECISION)
    approval_request = serializers.PrimaryKeyRelatedField(
        queryset=ApprovalRequest.objects.all(), required=False, allow_null=True, default=None
    )
    concerned_organisations = serializers.CharField(required=False, allow_blank=True, default="")


class DecideSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Outcome.choices)
    votes_for = serializers.IntegerField(min_value=0, max_value=10000)
    votes_against = serializers.IntegerField(min_value=0, max_value=10000, default=0)
    abstentions = serializers.IntegerField(min_value=0, max_value=10000, default=0)
    conditions = serializers.CharField(required=False, allow_blank=True, default="")


class DeclareSerializer(serializers.Serializer):
    member = serializers.PrimaryKeyRelatedField(
        queryset=Member.objects.all(),
        required=False,
        help_text="Officers declare on a member's behalf; members omit it.",
    )
    reason = serializers.CharField(max_length=500)


class MeetingSerializer(serializers.ModelSerializer):
    items = AgendaItemSerializer(many=True, read_only=True)
    attendance = serializers.SerializerMethodField()
    quorum = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "committee",
            "reference",
            "title",
            "starts_at",
            "place",
            "online_url",
            "status",
            "invited_at",
            "minutes",
            "minutes_approved_on",
            "minutes_approved_at_meeting",
            "cancelled_reason",
            "items",
            "attendance",
            "quorum",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_attendance(self, meeting):
        return [
            {"member": a.member_id, "name": a.member.name, "present": a.present}
            for a in meeting.attendance.select_related("member")
        ]

    @extend_schema_field(QuorumSerializer)
    def get_quorum(self, meeting):
        return quorum_data(selectors.meeting_quorum(meeting))


class MeetingWriteSerializer(serializers.Serializer):
    committee = serializers.PrimaryKeyRelatedField(queryset=Committee.objects.all())
    reference = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=300)
    starts_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    online_url = serializers.URLField(required=False, allow_blank=True, default="")


class AttendanceSerializer(serializers.Serializer):
    present = serializers.PrimaryKeyRelatedField(queryset=Member.objects.all(), many=True)


class CancellationSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)


class MinutesSerializer(serializers.Serializer):
    minutes = serializers.CharField()


class MinutesApprovalSerializer(serializers.Serializer):
    at_meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())


class PaperSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = Paper
        fields = [
            "id",
            "meeting",
            "agenda_item",
            "title",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "is_public",
            "uploaded_at",
            "download",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.URI)
    def get_download(self, paper) -> str:
        return f"/api/v1/meeting-papers/{paper.pk}/download/"


class PaperUploadSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=Meeting.objects.all())
    agenda_item = serializers.PrimaryKeyRelatedField(
        queryset=AgendaItem.objects.all(), required=False, allow_null=True, default=None
    )
    title = serializers.CharField(max_length=300)
    file = serializers.FileField()
    is_public = serializers.BooleanField(default=False)


class PublishSerializer(serializers.Serializer):
    is_public = serializers.BooleanField()


# --- Written procedures -----------------------------------------------------------------------------------


class TallySerializer(serializers.Serializer):
    result = serializers.CharField()
    final = serializers.BooleanField()
    deadline_passed = serializers.BooleanField()
    eligible = serializers.IntegerField()
    votes_for = serializers.IntegerField()
    votes_against = serializers.IntegerField()
    abstentions = serializers.IntegerField()
    tacit_votes = serializers.IntegerField()
    silent = serializers.IntegerField()
    required = serializers.IntegerField()
    decided_on = serializers.DateField(allow_null=True)


class VoteSerializer(serializers.ModelSerializer):
    seat_name = serializers.CharField(source="seat.name", read_only=True)
    cast_by_name = serializers.CharField(source="cast_by.name", read_only=True)

    class Meta:
        model = WrittenProcedureVote
        fields = ["id", "procedure", "seat", "seat_name", "cast_by", "cast_by_name", "choice", "cast_at"]
        read_only_fields = fields


class WrittenProcedureSerializer(serializers.ModelSerializer):
    approval_request = serializers.PrimaryKeyRelatedField(read_only=True)
    tally = serializers.SerializerMethodField(help_text="Computed now from the votes and the deadline.")
    my_vote = serializers.SerializerMethodField()
    votes = VoteSerializer(many=True, read_only=True)
    declarations = DeclarationSerializer(many=True, read_only=True)

    class Meta:
        model = WrittenProcedure
        fields = [
            "id",
            "committee",
            "reference",
            "title",
            "proposal",
            "approval_request",
            "proposed_outcome",
            "conditions",
            "tacit",
            "started_at",
            "deadline",
            "status",
            "result",
            "decision_date",
            "closed_at",
            "cancelled_reason",
            "tally",
            "my_vote",
            "votes",
            "declarations",
        ]
        read_only_fields = fields

    @extend_schema_field(TallySerializer)
    def get_tally(self, procedure):
        tally = selectors.written_procedure_result(procedure)
        return TallySerializer({**tally.__dict__}).data

    @extend_schema_field({"type": "string", "nullable": True, "description": "for, against, abstain or null"})
    def get_my_vote(self, procedure):
        request = self.context.get("request")
        if request is None:
            return None
        member = selectors.membership_on(request.user, procedure.committee, clock.today())
        vote = selectors.vote_of(procedure, member) if member else None
        return vote.choice if vote else None


class WrittenProcedureWriteSerializer(serializers.Serializer):
    committee = serializers.PrimaryKeyRelatedField(queryset=Committee.objects.all())
    reference = serializers.CharField(max_length=40)
    title = serializers.CharField(max_length=300)
    proposal = serializers.CharField()
    deadline = serializers.DateTimeField()
    tacit = serializers.BooleanField(default=False)
    approval_request = serializers.PrimaryKeyRelatedField(
        queryset=ApprovalRequest.objects.all(), required=False, allow_null=True, default=None
    )
    proposed_outcome = serializers.ChoiceField(
        choices=[(o.value, o.label) for o in APPROVING_OUTCOMES], default=Outcome.APPROVED
    )
    conditions = serializers.CharField(required=False, allow_blank=True, default="")


class CastVoteSerializer(serializers.Serializer):
    choice = serializers.ChoiceField(choices=VoteChoice.choices)
