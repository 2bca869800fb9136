"""The sections made of repeating parts: activities, target groups and locations, indicator targets, partners.

One page per section, one block per kind of part: a table of what is there and a form to add or change one.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from subsidia.core.forms import apply_service, run_action

from .. import services
from ..constants import Section
from ..forms import ActivityForm, IndicatorTargetForm, LocationForm, PartnerForm, TargetGroupForm
from ..services.parts import PARTS
from .common import editable_application, frame


@dataclass(frozen=True)
class Block:
    kind: str
    title: Any
    form: Any
    columns: tuple  # (label, callable(obj) -> value)
    related: str


def _breakdown(t):
    if not t.by_age_and_gender:
        return "—"
    return (
        f"{_('Under 18')}: {t.age_under_18} · {_('18 to 60')}: {t.age_18_60} · {_('Over 60')}: {t.age_over_60}; "
        f"{_('Women')}: {t.women} · {_('Men')}: {t.men} · {_('Non-binary or not stated')}: {t.non_binary}"
    )


BLOCKS = {
    Section.ACTIVITIES: [
        Block(
            "activity",
            gettext_lazy("Activities and timeline"),
            ActivityForm,
            (
                (gettext_lazy("Activity"), lambda a: a.title),
                (gettext_lazy("From"), lambda a: a.start_date),
                (gettext_lazy("Until"), lambda a: a.end_date),
                (gettext_lazy("Deliverables"), lambda a: a.deliverables),
            ),
            "activities",
        ),
    ],
    Section.TARGET_GROUPS: [
        Block(
            "target_group",
            gettext_lazy("Target groups"),
            TargetGroupForm,
            (
                (gettext_lazy("Target group"), lambda t: t.name),
                (gettext_lazy("People expected"), lambda t: t.expected_people),
            ),
            "target_groups",
        ),
        Block(
            "location",
            gettext_lazy("Locations"),
            LocationForm,
            (
                (gettext_lazy("Postcode"), lambda x: x.postcode),
                (gettext_lazy("Municipality"), lambda x: x.municipality),
                (gettext_lazy("NUTS area"), lambda x: f"{x.nuts.name} ({x.nuts.code})"),
            ),
            "locations",
        ),
    ],
    Section.INDICATORS: [
        Block(
            "indicator_target",
            gettext_lazy("Indicator targets"),
            IndicatorTargetForm,
            (
                (gettext_lazy("Indicator"), lambda t: f"{t.indicator.code} {t.indicator.title}"),
                (gettext_lazy("Target"), lambda t: t.target),
                (gettext_lazy("By age and gender"), _breakdown),
            ),
            "indicator_targets",
        ),
    ],
    Section.PARTNERS: [
        Block(
            "partner",
            gettext_lazy("Partners"),
            PartnerForm,
            (
                (gettext_lazy("Partner"), lambda p: p.name),
                (gettext_lazy("Type of organisation"), lambda p: p.get_organisation_type_display()),
                (gettext_lazy("Identifier"), lambda p: p.enterprise_number or p.other_identifier),
                (gettext_lazy("Role in the project"), lambda p: p.role),
            ),
            "partners",
        ),
    ],
}


def _form(block, application, data=None, initial=None):
    kwargs = {"call": application.call} if block.form is IndicatorTargetForm else {}
    return block.form(data, initial=initial, prefix=block.kind, **kwargs)


def _initial(block, obj) -> dict:
    form = _form(block, obj.application)
    initial = {name: getattr(obj, name) for name in form.fields if hasattr(obj, name)}
    return initial


def _find(application, kind, pk):
    model = PARTS[kind].model
    obj = model.objects.filter(application=application, pk=pk).first()
    if obj is None:
        raise Http404
    return obj


@login_required
def section_parts(request, pk, section):
    try:
        blocks = BLOCKS[Section(section)]
    except (ValueError, KeyError) as exc:
        raise Http404 from exc
    application = editable_application(request, pk)
    editing_kind, _sep, editing_id = (request.POST.get("edit") or request.GET.get("edit") or "").partition(":")
    forms = {}
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        block = next((b for b in blocks if b.kind == kind), None)
        if block is None:
            raise Http404
        form = _form(block, application, request.POST)
        forms[kind] = form
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if v is not None}
            if editing_kind == kind and editing_id.isdigit():
                obj = _find(application, kind, int(editing_id))
                done = apply_service(request, form, lambda: services.part_update(request.user, obj, **data))
            else:
                done = apply_service(request, form, lambda: services.part_add(request.user, application, kind, **data))
            if done:
                messages.success(request, _("Saved."))
                return redirect("applications:section-parts", pk=pk, section=section)
    rendered = []
    for block in blocks:
        form = forms.get(block.kind)
        editing = None
        if editing_kind == block.kind and editing_id.isdigit():
            editing = _find(application, block.kind, int(editing_id))
            form = form or _form(block, application, initial=_initial(block, editing))
        rows = [
            (obj, [getter(obj) for _label, getter in block.columns])
            for obj in getattr(application, block.related).all()
        ]
        rendered.append(
            {
                "block": block,
                "form": form or _form(block, application),
                "rows": rows,
                "editing": editing,
                "headers": [label for label, _getter in block.columns],
            }
        )
    context = frame(request, application, section)
    context.update({"blocks": rendered, "section_label": Section(section).label})
    return render(request, "applications/section_parts.html", context)


@login_required
@require_POST
def part_delete(request, pk, kind, part_id):
    if kind not in PARTS:
        raise Http404
    application = editable_application(request, pk)
    obj = _find(application, kind, part_id)
    section = next(s for s, blocks in BLOCKS.items() if any(b.kind == kind for b in blocks))
    run_action(request, lambda: services.part_delete(request.user, obj), _("Removed."))
    return redirect("applications:section-parts", pk=pk, section=section)
