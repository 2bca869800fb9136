"""Officer pages of the register: the list, registering and editing a question, its links, documents and
status transitions. Every change goes through ``services``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from subsidia.core.forms import apply_service, run_action
from subsidia.programmes.models import Programme

from .. import selectors, services
from ..filters import PageForm, QuestionFilter, errors
from ..forms import AnswerForm, AttachmentForm, LinkForm, QuestionForm, ReasonForm
from ..models import EarlierQuestion, QuestionAttachment
from .common import question_for_staff, staff


@login_required
def question_list(request):
    staff(request)
    filterset = QuestionFilter(request.GET, queryset=selectors.questions_with_counts(request.user))
    paging = PageForm(request.GET)
    valid = filterset.is_valid() & paging.is_valid()
    context = {"filter": filterset}
    if not valid:
        return render(
            request, "parliament/question_list.html", {**context, "errors": errors(filterset.form, paging)}, status=400
        )
    paginator = Paginator(filterset.qs.order_by("-asked_on", "-id"), 50)
    try:
        page = paginator.page(paging.cleaned_data["page"] or 1)
    except EmptyPage as exc:
        raise Http404 from exc
    return render(request, "parliament/question_list.html", {**context, "page": page})


@login_required
def question_create(request):
    staff(request, "parliament.manage_writtenquestion")
    form = QuestionForm(request.POST or None, initial={"programme": Programme.objects.order_by("cci").first()})
    if request.method == "POST" and form.is_valid():
        question = apply_service(request, form, lambda: services.question_create(request.user, **form.cleaned_data))
        if question:
            messages.success(request, _("The question is registered."))
            return redirect("parliament:detail", pk=question.pk)
    return render(request, "parliament/question_form.html", {"form": form, "title": _("Register a written question")})


@login_required
def question_edit(request, pk):
    staff(request, "parliament.manage_writtenquestion")
    question = question_for_staff(request, pk)
    form = QuestionForm(request.POST or None, initial=QuestionForm.initial_from(question))
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        done = apply_service(request, form, lambda: services.question_update(request.user, question, **changes))
        if done:
            messages.success(request, _("Saved."))
            return redirect("parliament:detail", pk=question.pk)
    return render(
        request,
        "parliament/question_form.html",
        {"form": form, "question": question, "title": _("Edit question no. %(number)s") % {"number": question.number}},
    )


@login_required
def question_detail(request, pk):
    question = question_for_staff(request, pk)
    can_manage = request.user.has_perm("parliament.manage_writtenquestion", question)
    return render(
        request,
        "parliament/question_detail.html",
        {
            "question": question,
            "can_manage": can_manage,
            "earlier": selectors.earlier_questions(question),
            "later": selectors.later_questions(question),
            "attachments": selectors.attachments_of(question),
            "answer_form": AnswerForm(initial={"answer_text": question.answer_text}) if can_manage else None,
            "reason_form": ReasonForm() if can_manage else None,
            "link_form": LinkForm(question=question) if can_manage else None,
            "attachment_form": AttachmentForm() if can_manage else None,
        },
    )


@login_required
@require_POST
def question_transition(request, pk, verb):
    staff(request, "parliament.manage_writtenquestion")
    question = question_for_staff(request, pk)
    if verb == "start":
        run_action(
            request,
            lambda: services.question_start_preparation(request.user, question),
            _("The answer is in preparation."),
        )
    elif verb == "answer":
        form = AnswerForm(request.POST)
        if form.is_valid():
            run_action(
                request,
                lambda: services.question_answer(request.user, question, **form.cleaned_data),
                _("The question is answered."),
            )
        else:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    elif verb == "reopen":
        run_action(
            request,
            lambda: services.question_reopen(request.user, question, reason=request.POST.get("reason", "")),
            _("The answer is reopened for correction."),
        )
    else:
        raise Http404
    return redirect("parliament:detail", pk=pk)


@login_required
@require_POST
def link_add(request, pk):
    staff(request, "parliament.manage_writtenquestion")
    question = question_for_staff(request, pk)
    form = LinkForm(request.POST, question=question)
    if form.is_valid():
        run_action(
            request,
            lambda: services.link_add(request.user, question, **form.cleaned_data),
            _("The earlier question is linked."),
        )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("parliament:detail", pk=pk)


@login_required
@require_POST
def link_remove(request, pk, link_id):
    staff(request, "parliament.manage_writtenquestion")
    question = question_for_staff(request, pk)
    link = get_object_or_404(EarlierQuestion, pk=link_id, question=question)
    run_action(request, lambda: services.link_remove(request.user, link), _("The link is removed."))
    return redirect("parliament:detail", pk=pk)


@login_required
@require_POST
def attachment_add(request, pk):
    staff(request, "parliament.manage_writtenquestion")
    question = question_for_staff(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        run_action(
            request,
            lambda: services.attachment_add(
                request.user, question, form.cleaned_data["file"], title=form.cleaned_data["title"]
            ),
            _("The document is added."),
        )
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("parliament:detail", pk=pk)


@login_required
@require_POST
def attachment_remove(request, pk, attachment_id):
    staff(request, "parliament.manage_writtenquestion")
    question = question_for_staff(request, pk)
    attachment = get_object_or_404(QuestionAttachment, pk=attachment_id, question=question)
    run_action(request, lambda: services.attachment_remove(request.user, attachment), _("The document is removed."))
    return redirect("parliament:detail", pk=pk)


def attachment_download(request, pk, attachment_id):
    """Documents are never served from MEDIA_ROOT directly; only the register's readers get them."""
    if not request.user.is_authenticated:
        raise Http404
    if not request.user.has_perm("parliament.view_questionattachment"):
        raise PermissionDenied
    attachment = get_object_or_404(QuestionAttachment, pk=attachment_id, question_id=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, content_type=attachment.content_type, as_attachment=True, filename=attachment.original_name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
