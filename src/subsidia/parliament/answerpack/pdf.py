"""The answer pack as a tagged PDF (PDF/UA-1), with the data date on every page."""

from django.utils import translation
from django.utils.translation import gettext as _

from subsidia.core.money import ZERO
from subsidia.core.pdf import render_pdf

from . import texts


def project_rows(pack) -> list[dict]:
    """The published rows with the beneficiary as shown and each project's co-financing (own + other)."""
    return [
        {
            **row,
            "beneficiary": texts.beneficiary(row),
            "cofinancing": (row.get("own_contribution") or ZERO) + (row.get("other_public_funding") or ZERO),
        }
        for row in pack.projects.rows
    ]


def context(pack) -> dict:
    """What the templates need, with the sentences in the pack's language."""
    with translation.override(pack.language):
        return {
            "pack": pack,
            "project_rows": project_rows(pack),
            "texts": {
                "data": texts.data_line(pack),
                "status": texts.status_line(pack.envelope),
                "region": texts.region_name(pack),
                "question": texts.question_line(pack.question),
            },
            "data_date": pack.data_date,
        }


def render(pack) -> bytes:
    with translation.override(pack.language):
        title = _("Answer pack: question no. %(number)s (%(session)s)") % {
            "number": pack.question.number,
            "session": pack.question.session,
        }
    return render_pdf(
        "parliament/pack_pdf.html", {**context(pack), "for_pdf": True}, language=pack.language, title=title
    )
