"""Assessment through the API: assessors' assignments (declare, score, submit), eligibility checks, the ranking of
a call (with a what-if budget), selection decisions (prepare, approve, return, withdraw) and complaints. Every
change goes through ``services`` (permission, rules, lock, audit); refusals are 400/403/409 with a message."""

from decimal import Decimal, InvalidOperation

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from subsidia.applications.models import Membership
from subsidia.calls.models import Call
from subsidia.core.exceptions import RuleViolation
from subsidia.core.roles import STAFF_ROLES, has_role

from .. import selectors, services
from ..models import Assignment, Complaint, EligibilityCheck, SelectionDecision
from . import serializers as s

REFUSED = {
    400: OpenApiResponse(description="The input breaks a rule (messages per field)."),
    403: OpenApiResponse(description="Your role does not allow this (or you declared a conflict of interest)."),
    409: OpenApiResponse(description="The current state does not allow this (e.g. a decision already approved)."),
}


def _body(serializer_class, request):
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data


def _staff(user) -> bool:
    return has_role(user, *STAFF_ROLES)


class AssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    """An assessor's assignments (staff see every one): declare, then score each criterion, then submit."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.AssignmentSerializer

    def get_queryset(self):
        user = self.request.user
        if _staff(user):
            queryset = Assignment.objects.all()
        else:
            queryset = Assignment.objects.filter(pk__in=selectors.assignments_for(user).values("pk"))
        return queryset.select_related("application").prefetch_related("scores").order_by("id")

    def _answer(self, assignment, code=status.HTTP_200_OK):
        assignment = Assignment.objects.prefetch_related("scores").get(pk=assignment.pk)
        return Response(s.AssignmentSerializer(assignment).data, status=code)

    @extend_schema(request=s.AssignmentDeclarationSerializer, responses={200: s.AssignmentSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="declare")
    def declare(self, request, pk=None):
        assignment = self.get_object()
        data = _body(s.AssignmentDeclarationSerializer, request)
        services.declare(
            request.user,
            assignment.application,
            capacity="assessor",
            has_conflict=data["has_conflict"],
            conflict_reason=data["conflict_reason"],
        )
        return self._answer(assignment)

    @extend_schema(request=s.ScoreInSerializer, responses={200: s.AssignmentSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="scores")
    def scores(self, request, pk=None):
        assignment = self.get_object()
        data = _body(s.ScoreInSerializer, request)
        services.score_save(
            request.user,
            assignment,
            criterion=data["criterion"],
            points=data["points"],
            justification=data["justification"],
        )
        return self._answer(assignment)

    @extend_schema(request=None, responses={200: s.AssignmentSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="submit-scores")
    def submit(self, request, pk=None):
        assignment = self.get_object()
        services.scores_submit(request.user, assignment)
        return self._answer(assignment)


class DeclarationViewSet(viewsets.GenericViewSet):
    """Officers and authorising officers declare (no) conflict of interest for an application."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.ApplicationDeclareSerializer

    @extend_schema(request=s.ApplicationDeclareSerializer, responses={201: None, **REFUSED})
    def create(self, request):
        data = _body(s.ApplicationDeclareSerializer, request)
        declaration = services.declare(
            request.user,
            data["application"],
            capacity=data["capacity"],
            has_conflict=data["has_conflict"],
            conflict_reason=data["conflict_reason"],
        )
        return Response(
            {"application": declaration.application_id, "has_conflict": declaration.has_conflict},
            status=status.HTTP_201_CREATED,
        )


class EligibilityCheckViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Eligibility checks (staff). POST starts the check of an application; then answer, conclude, confirm."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.EligibilityCheckSerializer

    def get_queryset(self):
        if not _staff(self.request.user):
            return EligibilityCheck.objects.none()
        return EligibilityCheck.objects.select_related("application").prefetch_related("answers").order_by("id")

    def _answer(self, check, code=status.HTTP_200_OK):
        check = EligibilityCheck.objects.prefetch_related("answers").get(pk=check.pk)
        return Response(s.EligibilityCheckSerializer(check).data, status=code)

    @extend_schema(request=s.CheckStartSerializer, responses={201: s.EligibilityCheckSerializer, **REFUSED})
    def create(self, request, *args, **kwargs):
        data = _body(s.CheckStartSerializer, request)
        return self._answer(services.check_start(request.user, data["application"]), status.HTTP_201_CREATED)

    @extend_schema(request=s.CheckAnswerInSerializer, responses={200: s.EligibilityCheckSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="answer")
    def answer(self, request, pk=None):
        check = self.get_object()
        data = _body(s.CheckAnswerInSerializer, request)
        services.check_answer(
            request.user,
            check,
            met=data["met"],
            reason=data["reason"],
            criterion=data["criterion"],
            programme_check=data["programme_check"] or None,
        )
        return self._answer(check)

    @extend_schema(request=s.ReasonsSerializer, responses={200: s.EligibilityCheckSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="conclude")
    def conclude(self, request, pk=None):
        data = _body(s.ReasonsSerializer, request)
        return self._answer(services.check_conclude(request.user, self.get_object(), reasons=data["reasons"]))

    @extend_schema(request=None, responses={200: s.EligibilityCheckSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="confirm-ineligibility")
    def confirm(self, request, pk=None):
        return self._answer(services.check_confirm(request.user, self.get_object()))

    @extend_schema(request=s.EligibilityNoteSerializer, responses={200: s.EligibilityCheckSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="return-check")
    def send_back(self, request, pk=None):
        data = _body(s.EligibilityNoteSerializer, request)
        return self._answer(services.check_return(request.user, self.get_object(), note=data["note"]))


def _decimal(value, field):
    if value in (None, ""):
        return None
    try:
        parsed = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        parsed = None
    if parsed is None or not parsed.is_finite() or parsed < 0 or parsed != parsed.quantize(Decimal("0.01")):
        raise RuleViolation(errors={field: "Enter a non-negative number with at most two decimals."})
    if parsed > Decimal("1e12"):
        raise RuleViolation(errors={field: "The number is too large."})
    return parsed


class RankingViewSet(viewsets.GenericViewSet):
    """The ranking and funding line of a call (staff), computed by the database. ``?budget=`` (euro) and
    ``?overall_threshold=`` (points) show what-if figures; nothing is saved."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.RankRowSerializer
    queryset = Call.objects.all()

    @extend_schema(
        parameters=[
            OpenApiParameter("budget", str, description="What-if budget in euro"),
            OpenApiParameter("overall_threshold", str, description="What-if overall threshold in points"),
        ],
        responses={200: s.RankRowSerializer(many=True), **REFUSED},
    )
    def retrieve(self, request, pk=None):
        if not request.user.has_perm("assessment.view_assessment"):
            return Response({"detail": "Your role does not allow this."}, status=status.HTTP_403_FORBIDDEN)
        call = get_object_or_404(Call, pk=pk) if str(pk).isdigit() else get_object_or_404(Call, reference=pk)
        budget = _decimal(request.query_params.get("budget"), "budget")
        overall = _decimal(request.query_params.get("overall_threshold"), "overall_threshold")
        rows = selectors.what_if(call, budget=budget, overall_threshold=overall)
        return Response(
            {
                "call": call.reference,
                "budget": str(budget if budget is not None else call.budget),
                "rows": s.RankRowSerializer(rows, many=True).data,
            }
        )


class SelectionDecisionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Selection decisions (staff). POST prepares one (``kind``: ``initial`` or ``reserve``); an authorising
    officer who did not prepare it approves or returns it."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.SelectionDecisionSerializer

    def get_queryset(self):
        if not _staff(self.request.user):
            return SelectionDecision.objects.none()
        return SelectionDecision.objects.prefetch_related("lines", "lines__application").order_by("id")

    def _answer(self, decision, code=status.HTTP_200_OK):
        decision = SelectionDecision.objects.prefetch_related("lines", "lines__application").get(pk=decision.pk)
        return Response(s.SelectionDecisionSerializer(decision).data, status=code)

    @extend_schema(request=s.DecisionPrepareSerializer, responses={201: s.SelectionDecisionSerializer, **REFUSED})
    def create(self, request, *args, **kwargs):
        data = _body(s.DecisionPrepareSerializer, request)
        prepare = services.reserve_decision_prepare if data["kind"] == "reserve" else services.decision_prepare
        return self._answer(prepare(request.user, data["call"], reasons=data["reasons"]), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.SelectionDecisionSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="approve")
    def approve(self, request, pk=None):
        return self._answer(services.decision_approve(request.user, self.get_object()))

    @extend_schema(request=s.DecisionReasonSerializer, responses={200: s.SelectionDecisionSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="return-decision")
    def send_back(self, request, pk=None):
        data = _body(s.DecisionReasonSerializer, request)
        return self._answer(services.decision_return(request.user, self.get_object(), reason=data["reason"]))

    @extend_schema(request=s.DecisionReasonSerializer, responses={200: s.SelectionDecisionSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="withdraw-decision")
    def withdraw(self, request, pk=None):
        data = _body(s.DecisionReasonSerializer, request)
        return self._answer(services.decision_withdraw(request.user, self.get_object(), reason=data["reason"]))


class ComplaintViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Complaints about the selection (CPR art. 69(7)): staff see all, an applicant's members their own."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = s.ComplaintSerializer

    def get_queryset(self):
        user = self.request.user
        queryset = Complaint.objects.select_related("application").order_by("id")
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI generator has no user
            return queryset.none()
        if _staff(user):
            return queryset
        return queryset.filter(
            application__organisation__in=Membership.objects.filter(user=user).values("organisation")
        )

    def _answer(self, complaint, code=status.HTTP_200_OK):
        return Response(s.ComplaintSerializer(Complaint.objects.get(pk=complaint.pk)).data, status=code)

    @extend_schema(request=s.ComplaintInSerializer, responses={201: s.ComplaintSerializer, **REFUSED})
    def create(self, request, *args, **kwargs):
        data = _body(s.ComplaintInSerializer, request)
        application = data.pop("application")
        return self._answer(services.complaint_register(request.user, application, **data), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.ComplaintSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="take-up")
    def take_up(self, request, pk=None):
        return self._answer(services.complaint_take_up(request.user, self.get_object()))

    @extend_schema(request=s.ComplaintAnswerSerializer, responses={200: s.ComplaintSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="answer")
    def answer(self, request, pk=None):
        data = _body(s.ComplaintAnswerSerializer, request)
        return self._answer(services.complaint_answer(request.user, self.get_object(), **data))

    @extend_schema(request=s.ComplaintWithdrawalSerializer, responses={200: s.ComplaintSerializer, **REFUSED})
    @action(detail=True, methods=["post"], url_path="withdraw")
    def withdraw(self, request, pk=None):
        data = _body(s.ComplaintWithdrawalSerializer, request)
        return self._answer(services.complaint_withdraw(request.user, self.get_object(), reason=data["reason"]))
