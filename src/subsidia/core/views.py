from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import audit
from .models import AuditEvent
from .navigation import items_for
from .roles import STAFF_ROLES, has_role


@require_GET
def home(request):
    return render(request, "core/home.html")


@login_required
def dashboard(request):
    links = [item for item in items_for(request) if item["url"] not in {request.path}]
    return render(request, "core/dashboard.html", {"links": links})


@login_required
def audit_trail(request):
    if not has_role(request.user, *STAFF_ROLES):
        raise PermissionDenied
    events = AuditEvent.objects.select_related("actor").order_by("-sequence")
    action = request.GET.get("action", "").strip()
    if action:
        events = events.filter(action__startswith=action)
    object_type = request.GET.get("object_type", "").strip()
    if object_type:
        events = events.filter(object_type=object_type)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    verdict = audit.verify() if request.GET.get("verify") else None
    return render(request, "core/audit.html", {"page": page, "verdict": verdict, "action": action})


@require_GET
def accessibility(request):
    return render(request, "core/accessibility.html")


@require_GET
def healthz(request):
    return JsonResponse({"status": "ok"})
