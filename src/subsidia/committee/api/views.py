"""The committee over the API. Reading: the committee list is public; meetings, papers and procedures are for
staff and the members of the committee. Every change is a service call (permission, rules, audit)."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from subsidia.core import clock
from subsidia.core.api.permissions import PublicReadOfficerWrite
from subsidia.core.api.throttling import PublicRateThrottle
from subsidia.core.roles import COMMITTEE_MEMBER, PROGRAMME_OFFICER, STAFF_ROLES, has_role

from .. import selectors, services
from ..models import AgendaItem, Member, Paper
from . import serializers as s


class CommitteeReader(permissions.BasePermission):
    """Staff and committee members read (object visibility from the selectors); officers change."""

    def has_permission(self, request, view):
        user = request.user
        if not (user and user.is_authenticated):
            return False
        if request.method in permissions.SAFE_METHODS:
            return has_role(user, COMMITTEE_MEMBER, *STAFF_ROLES)
        return has_role(user, PROGRAMME_OFFICER)


class MemberAction(CommitteeReader):
    """Voting and declaring a conflict: the member themselves (services check the seat)."""

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and has_role(user, COMMITTEE_MEMBER, PROGRAMME_OFFICER))


@extend_schema(tags=["committee"])
class CommitteeViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Monitoring committees (CPR art. 38) with the members in office today (name, organisation, member type,
    seat: CPR art. 39) and the rules of procedure in force. Public."""

    serializer_class = s.CommitteeSerializer
    permission_classes = [PublicReadOfficerWrite]
    throttle_classes = [PublicRateThrottle]
    filter_backends = []

    def get_queryset(self):
        return selectors.public_committees()

    @extend_schema(request=s.CommitteeCreateSerializer, responses={201: s.CommitteeSerializer})
    def create(self, request, *args, **kwargs):
        """Set up the programme's committee (programme officers; one per programme)."""
        body = s.CommitteeCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        committee = services.committee_create(request.user, data.pop("programme"), **data)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=committee.pk)).data, status=status.HTTP_201_CREATED
        )


@extend_schema(tags=["committee"])
@extend_schema(parameters=[OpenApiParameter("committee", int)])
class MemberViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Members and substitutes with their terms, accounts and e-mail (internal; the public list is
    ``/committees/``)."""

    serializer_class = s.MemberSerializer
    permission_classes = [CommitteeReader]
    filterset_fields = ["committee", "seat", "member_type"]
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return (
            Member.objects.filter(committee__in=selectors.committees_visible_to(self.request.user))
            .select_related("user", "substitute_for")
            .order_by("committee", "substitute_for_id", "position")
        )

    @extend_schema(request=s.MemberWriteSerializer, responses={201: s.MemberSerializer})
    def create(self, request, *args, **kwargs):
        body = s.MemberWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        committee = data.pop("committee", None)
        if committee is None:
            return Response({"committee": ["This field is required."]}, status=status.HTTP_400_BAD_REQUEST)
        member = services.member_add(request.user, committee, **data)
        return Response(self.get_serializer(member).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.MemberWriteSerializer, responses=s.MemberSerializer)
    def partial_update(self, request, *args, **kwargs):
        body = s.MemberWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        data.pop("committee", None)
        member = services.member_update(request.user, self.get_object(), **data)
        return Response(self.get_serializer(member).data)

    @extend_schema(exclude=True)
    def update(self, request, *args, **kwargs):
        return self.partial_update(request, *args, **kwargs)


@extend_schema(tags=["committee"])
@extend_schema(parameters=[OpenApiParameter("committee", int), OpenApiParameter("status", str)])
class MeetingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Meetings with their agenda, attendance and quorum. Transitions are POST actions."""

    serializer_class = s.MeetingSerializer
    permission_classes = [CommitteeReader]
    filterset_fields = ["committee", "status"]

    def get_queryset(self):
        return selectors.meetings_visible_to(self.request.user).prefetch_related("items").order_by("-starts_at")

    def _respond(self, meeting, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data, status=code)

    @extend_schema(request=s.MeetingWriteSerializer, responses={201: s.MeetingSerializer})
    def create(self, request, *args, **kwargs):
        body = s.MeetingWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        committee = data.pop("committee")
        return self._respond(services.meeting_create(request.user, committee, **data), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def invite(self, request, pk=None):
        """E-mail the invitation and agenda to every member in their language."""
        return self._respond(services.meeting_invite(request.user, self.get_object()))

    @extend_schema(request=s.CancellationSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        body = s.CancellationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.meeting_cancel(request.user, self.get_object(), **body.validated_data))

    @extend_schema(request=s.AttendanceSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Who is present (members and substitutes); the meeting is then held."""
        body = s.AttendanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        meeting = services.meeting_record_attendance(
            request.user, self.get_object(), present=body.validated_data["present"]
        )
        return self._respond(meeting)

    @extend_schema(request=s.MinutesSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"])
    def minutes(self, request, pk=None):
        body = s.MinutesSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.meeting_minutes_save(request.user, self.get_object(), **body.validated_data))

    @extend_schema(request=s.MinutesApprovalSerializer, responses=s.MeetingSerializer)
    @action(detail=True, methods=["post"], url_path="approve-minutes")
    def approve_minutes(self, request, pk=None):
        body = s.MinutesApprovalSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.meeting_minutes_approve(request.user, self.get_object(), **body.validated_data))


@extend_schema(tags=["committee"])
@extend_schema(parameters=[OpenApiParameter("meeting", int)])
class AgendaItemViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Agenda items, with the quorum for each (recused members count neither way) and the decision."""

    serializer_class = s.AgendaItemSerializer
    permission_classes = [CommitteeReader]
    filterset_fields = ["meeting", "kind", "outcome"]

    def get_queryset(self):
        return (
            AgendaItem.objects.filter(meeting__in=selectors.meetings_visible_to(self.request.user))
            .select_related("meeting", "meeting__committee", "approval_request")
            .order_by("meeting", "position")
        )

    def _respond(self, item, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data, status=code)

    @extend_schema(request=s.AgendaItemWriteSerializer, responses={201: s.AgendaItemSerializer})
    def create(self, request, *args, **kwargs):
        body = s.AgendaItemWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        meeting = data.pop("meeting")
        return self._respond(services.meeting_add_agenda_item(request.user, meeting, **data), status.HTTP_201_CREATED)

    @extend_schema(request=s.DecideSerializer, responses=s.AgendaItemSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        """Record the decision; refused (409) without quorum for this item. A request goes into the gate."""
        body = s.DecideSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.agenda_item_decide(request.user, self.get_object(), **body.validated_data))

    @extend_schema(request=s.DeclareSerializer, responses=s.AgendaItemSerializer)
    @action(detail=True, methods=["post"], url_path="declare-conflict", permission_classes=[MemberAction])
    def declare_conflict(self, request, pk=None):
        """A member declares that their organisation is concerned and is recused from the item."""
        item = self.get_object()
        member = _declaring_member(request, item.meeting.committee, selectors.meeting_day(item.meeting))
        services.conflict_declare(request.user, member, agenda_item=item, reason=request.data.get("reason", ""))
        return self._respond(item)


def _declaring_member(request, committee, day) -> Member:
    body = s.DeclareSerializer(data=request.data)
    body.is_valid(raise_exception=True)
    member = body.validated_data.get("member")
    if member is None:
        member = selectors.membership_on(request.user, committee, day)
        if member is None:
            raise PermissionDenied("Only members of this committee declare a conflict here.")
    return member


@extend_schema(tags=["committee"])
@extend_schema(parameters=[OpenApiParameter("meeting", int)])
class PaperViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Papers of meetings. Published ones are public; others only for the committee, officers and auditors."""

    serializer_class = s.PaperSerializer
    permission_classes = [permissions.AllowAny]
    parser_classes = [MultiPartParser, FormParser]
    filterset_fields = ["meeting", "agenda_item", "is_public"]

    def get_permissions(self):
        if self.request.method not in permissions.SAFE_METHODS:
            return [CommitteeReader()]
        return super().get_permissions()

    def get_throttles(self):
        return [PublicRateThrottle()] if not self.request.user.is_authenticated else super().get_throttles()

    def get_queryset(self):
        return selectors.papers_visible_to(self.request.user).order_by("meeting", "title")

    @extend_schema(request={"multipart/form-data": s.PaperUploadSerializer}, responses={201: s.PaperSerializer})
    def create(self, request, *args, **kwargs):
        """Upload a paper: the type is sniffed from its content; size and name are checked."""
        body = s.PaperUploadSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        paper = services.paper_upload(request.user, data.pop("meeting"), data.pop("file"), **data)
        return Response(self.get_serializer(paper).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(OpenApiTypes.BINARY)})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        paper = self.get_object()
        try:
            handle = paper.file.open("rb")
        except FileNotFoundError as exc:
            raise Http404 from exc
        response = FileResponse(
            handle, content_type=paper.content_type, as_attachment=True, filename=paper.original_name
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @extend_schema(request=s.PublishSerializer, responses=s.PaperSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish a paper on the public committee page (CPR art. 38(4)) or take it off."""
        body = s.PublishSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        paper = services.paper_set_public(
            request.user, Paper.objects.get(pk=self.get_object().pk), **body.validated_data
        )
        return Response(self.get_serializer(paper).data)


@extend_schema(tags=["committee"])
@extend_schema(parameters=[OpenApiParameter("committee", int), OpenApiParameter("status", str)])
class WrittenProcedureViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Written procedures. ``tally`` is computed at the moment of asking from the votes and the deadline."""

    serializer_class = s.WrittenProcedureSerializer
    permission_classes = [CommitteeReader]
    filterset_fields = ["committee", "status"]

    def get_queryset(self):
        return (
            selectors.procedures_visible_to(self.request.user)
            .prefetch_related("votes__seat", "votes__cast_by", "declarations__member")
            .order_by("-started_at")
        )

    def _respond(self, procedure, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=procedure.pk)).data, status=code)

    @extend_schema(request=s.WrittenProcedureWriteSerializer, responses={201: s.WrittenProcedureSerializer})
    def create(self, request, *args, **kwargs):
        """Start a written procedure; the members are informed by e-mail."""
        body = s.WrittenProcedureWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        committee = data.pop("committee")
        return self._respond(services.written_procedure_start(request.user, committee, **data), status.HTTP_201_CREATED)

    @extend_schema(request=s.CastVoteSerializer, responses=s.WrittenProcedureSerializer)
    @action(detail=True, methods=["post"], permission_classes=[MemberAction])
    def vote(self, request, pk=None):
        """Vote for, against or abstain: once per seat, before the deadline, not from an advisory or recused
        seat (409 with a message otherwise)."""
        body = s.CastVoteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        procedure = self.get_object()
        services.written_procedure_vote(request.user, procedure, **body.validated_data)
        return self._respond(procedure)

    @extend_schema(request=s.DeclareSerializer, responses=s.WrittenProcedureSerializer)
    @action(detail=True, methods=["post"], url_path="declare-conflict", permission_classes=[MemberAction])
    def declare_conflict(self, request, pk=None):
        procedure = self.get_object()
        member = _declaring_member(request, procedure.committee, clock.today())
        services.conflict_declare(
            request.user, member, written_procedure=procedure, reason=request.data.get("reason", "")
        )
        return self._respond(procedure)

    @extend_schema(request=None, responses=s.WrittenProcedureSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Freeze the final result and record the decision in the approval gate."""
        return self._respond(services.written_procedure_close(request.user, self.get_object()))

    @extend_schema(request=s.CancellationSerializer, responses=s.WrittenProcedureSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        body = s.CancellationSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._respond(services.written_procedure_cancel(request.user, self.get_object(), **body.validated_data))
