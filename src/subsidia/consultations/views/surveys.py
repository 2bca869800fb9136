"""Officers' pages: surveys, their questions, invitations and reminders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.core.exceptions import ServiceError
from subsidia.core.forms import apply_service, run_action

from .. import selectors, services
from ..forms import CloseForm, ExtendForm, InviteForm, QuestionForm, SurveyForm
from ..models import Question


def require_perm(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def visible_survey(request, pk):
    survey = get_object_or_404(selectors.surveys_visible_to(request.user), pk=pk)
    require_perm(request, "consultations.view_survey", survey)
    return survey


def base_url(request) -> str:
    return request.build_absolute_uri("/")


@login_required
def survey_list(request):
    require_perm(request, "consultations.view_survey")
    surveys = selectors.surveys_visible_to(request.user)
    return render(request, "consultations/survey_list.html", {"surveys": surveys})


@login_required
def survey_create(request):
    require_perm(request, "consultations.add_survey")
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        survey = apply_service(request, form, lambda: services.survey_create(request.user, **form.cleaned_data))
        if survey:
            messages.success(request, _("Survey created. Add its questions, then publish it."))
            return redirect("consultations:detail", pk=survey.pk)
    return render(request, "consultations/form.html", {"form": form, "title": _("New survey")})


@login_required
def survey_edit(request, pk):
    survey = visible_survey(request, pk)
    require_perm(request, "consultations.change_survey", survey)
    initial = {f: getattr(survey, f) for f in services.surveys.SURVEY_FIELDS}
    form = SurveyForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        changes = {f: form.cleaned_data[f] for f in form.changed_data}
        if apply_service(request, form, lambda: services.survey_update(request.user, survey, **changes)):
            messages.success(request, _("Saved."))
            return redirect("consultations:detail", pk=pk)
    return render(
        request,
        "consultations/form.html",
        {"form": form, "survey": survey, "title": _("Edit %(survey)s") % {"survey": survey.title}},
    )


@login_required
def survey_detail(request, pk):
    survey = visible_survey(request, pk)
    questions = survey.questions.prefetch_related("options").order_by("position")
    can_manage = request.user.has_perm("consultations.change_survey", survey)
    context = {
        "survey": survey,
        "questions": questions,
        "can_manage": can_manage,
        "problems": services.publication_problems(survey) if survey.is_editable else [],
        "progress": selectors.progress(survey) if request.user.has_perm("consultations.view_invitation") else None,
        "close_form": CloseForm(),
        "extend_form": ExtendForm(initial={"closes_at": survey.closes_at}),
        "priorities": survey.priorities.all(),
    }
    return render(request, "consultations/survey_detail.html", context)


@login_required
@require_POST
def survey_publish(request, pk):
    survey = visible_survey(request, pk)
    run_action(
        request,
        lambda: services.survey_publish(request.user, survey),
        _("The survey is published: invite the organisations."),
    )
    return redirect("consultations:detail", pk=pk)


@login_required
@require_POST
def survey_close(request, pk):
    survey = visible_survey(request, pk)
    reason = request.POST.get("reason", "")
    run_action(
        request,
        lambda: services.survey_close(request.user, survey, reason=reason),
        _("The survey is closed; the links no longer accept answers."),
    )
    return redirect("consultations:detail", pk=pk)


@login_required
@require_POST
def survey_extend(request, pk):
    survey = visible_survey(request, pk)
    form = ExtendForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("consultations:detail", pk=pk)
    run_action(
        request,
        lambda: services.survey_extend(request.user, survey, closes_at=form.cleaned_data["closes_at"]),
        _("The closing time was moved."),
    )
    return redirect("consultations:detail", pk=pk)


# --- Questions ---------------------------------------------------------------------------------------------


def _question_page(request, survey, question=None):
    require_perm(request, "consultations.change_survey", survey)
    initial = QuestionForm.initial_for(question) if question else None
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        if question is None:
            done = apply_service(request, form, lambda: services.question_create(request.user, survey, **kwargs))
        else:
            done = apply_service(request, form, lambda: services.question_update(request.user, question, **kwargs))
        if done:
            messages.success(request, _("Question saved."))
            return redirect("consultations:detail", pk=survey.pk)
    title = _("New question") if question is None else _("Edit question %(n)s") % {"n": question.position}
    return render(request, "consultations/form.html", {"form": form, "survey": survey, "title": title})


@login_required
def question_create(request, pk):
    return _question_page(request, visible_survey(request, pk))


@login_required
def question_edit(request, pk, question_id):
    survey = visible_survey(request, pk)
    return _question_page(request, survey, get_object_or_404(Question, pk=question_id, survey=survey))


@login_required
@require_POST
def question_delete(request, pk, question_id):
    survey = visible_survey(request, pk)
    question = get_object_or_404(Question, pk=question_id, survey=survey)
    run_action(request, lambda: services.question_delete(request.user, question), _("Question deleted."))
    return redirect("consultations:detail", pk=pk)


@login_required
@require_POST
def question_move(request, pk, question_id):
    survey = visible_survey(request, pk)
    question = get_object_or_404(Question, pk=question_id, survey=survey)
    direction = request.POST.get("direction", "")
    run_action(
        request,
        lambda: services.question_move(request.user, question, direction=direction),
        _("Question moved."),
    )
    return redirect("consultations:detail", pk=pk)


# --- Invitations -------------------------------------------------------------------------------------------


def _report(request, report: services.SendReport, what: str) -> None:
    level = messages.success if report.sent and not report.failed else messages.warning
    level(request, f"{what}: {report.summary()}")


@login_required
def invitations(request, pk):
    survey = visible_survey(request, pk)
    require_perm(request, "consultations.view_invitation", survey)
    can_invite = request.user.has_perm("consultations.invite_survey", survey)
    form = InviteForm(request.POST or None, survey=survey)
    if request.method == "POST":
        require_perm(request, "consultations.invite_survey", survey)
        if form.is_valid():
            try:
                report = services.invitations_send(
                    request.user, survey, form.cleaned_data["organisations"], base_url=base_url(request)
                )
            except ServiceError as exc:
                messages.error(request, exc.message)
            else:
                _report(request, report, _("Invitations"))
                return redirect("consultations:invitations", pk=pk)
    context = {
        "survey": survey,
        "form": form,
        "can_invite": can_invite,
        "invitations": selectors.invitations_of(survey),
        "progress": selectors.progress(survey),
    }
    return render(request, "consultations/invitations.html", context)


@login_required
@require_POST
def remind(request, pk):
    survey = visible_survey(request, pk)
    require_perm(request, "consultations.invite_survey", survey)
    ids = [i for i in request.POST.getlist("invitation") if i.isdigit()]
    chosen = list(survey.invitations.filter(pk__in=ids)) if ids else None
    try:
        report = services.reminders_send(request.user, survey, chosen, base_url=base_url(request))
    except ServiceError as exc:
        messages.error(request, exc.message)
    else:
        _report(request, report, _("Reminders"))
    return redirect("consultations:invitations", pk=pk)
