"""The acknowledgement of receipt: a PDF built from the frozen snapshot alone, carrying its SHA-256.

Nothing live is read: the receipt of an application shows what was submitted, even after the organisation
changed its name or the call's texts were translated differently.
"""

import datetime as dt
import json
from decimal import Decimal

from django.utils.translation import gettext as _

from subsidia.calls.constants import CostCategory, CostOptionKind, FlatRate
from subsidia.core.pdf import render_pdf

from .constants import ALL_OTHER_COSTS, LegalForm, OrganisationType
from .models import Submission


def _label(choices, value):
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def category_label(value: str) -> str:
    if value == ALL_OTHER_COSTS:
        return _("All costs other than direct staff costs")
    return _label(CostCategory, value)


def receipt_context(submission: Submission) -> dict:
    content = json.loads(submission.content)
    totals: dict[str, Decimal] = {}
    for line in content["budget"]["lines"]:
        totals[line["category"]] = totals.get(line["category"], Decimal("0")) + Decimal(line["amount"])
    organisation = content["organisation"]
    return {
        "content": content,
        "submission": submission,
        "sha256": submission.sha256,
        "submitted_at": dt.datetime.fromisoformat(content["submitted_at"]),
        "data_date": dt.datetime.fromisoformat(content["submitted_at"]),
        "organisation_type": _label(OrganisationType, organisation["organisation_type"]),
        "legal_form": _label(LegalForm, organisation["legal_form"]),
        "categories": [(category_label(k), v) for k, v in totals.items()],
        "flat_rates": [(_label(FlatRate, r["kind"]), Decimal(r["rate"])) for r in content["budget"]["flat_rates"]],
        "simplified": sum(
            (Decimal(x["amount"]) for x in content["budget"]["lines"] if x["cost_option"] != CostOptionKind.REAL_COSTS),
            Decimal("0"),
        ),
        "amounts": {
            k: Decimal(v) for k, v in content["cofinancing"].items() if k not in ("rate", "other_public_funding_source")
        },
        "rate": Decimal(content["cofinancing"]["rate"]),
    }


def receipt_pdf(submission: Submission, *, language: str | None = None) -> bytes:
    context = receipt_context(submission)
    title = _("Acknowledgement of receipt %(reference)s") % {
        "reference": context["content"]["application"]["reference"]
    }
    return render_pdf("applications/receipt.html", context, language=language, title=title)


def receipt_filename(submission: Submission) -> str:
    return f"receipt-{submission.application.reference}.pdf"
