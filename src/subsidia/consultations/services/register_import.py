"""Importing the stakeholder register from a CSV file (UTF-8, with `,` or `;`), as managing authorities keep
such lists in spreadsheets. All or nothing: every problem is reported with its row and column, and nothing
is stored unless every row is right. A row whose name is already in the register updates that organisation."""

import csv
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from subsidia.core import audit
from subsidia.core.exceptions import RuleViolation

from ..constants import StakeholderType
from ..models import StakeholderOrganisation
from .common import require
from .stakeholders import _validate, organisation_create, organisation_update

COLUMNS = ("name", "stakeholder_type", "email", "language", "municipality")
REQUIRED = ("name", "stakeholder_type", "email")
MAX_ROWS = 5000


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def _type_aliases() -> dict[str, str]:
    """Codes and labels in every language, so a list typed in Dutch or French is understood."""
    from django.utils import translation

    aliases = {}
    for value, label in StakeholderType.choices:
        aliases[value] = value
        for language in ("nl", "fr", "en"):
            with translation.override(language):
                aliases[str(label).casefold()] = value
    return aliases


def read_csv(content: bytes) -> list[dict]:
    """Rows of the file as dicts keyed by the column names; refuses what is not UTF-8 text with a header."""
    if len(content) > settings.SUBSIDIA_MAX_UPLOAD_BYTES:
        raise RuleViolation(
            errors={
                "file": _("The file is larger than the %(mb)s MB allowed.")
                % {"mb": settings.SUBSIDIA_MAX_UPLOAD_BYTES // 2**20}
            }
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RuleViolation(errors={"file": _("Save the file as CSV in UTF-8.")}) from None
    if "\x00" in text:
        raise RuleViolation(errors={"file": _("This is not a CSV text file.")})
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [(h or "").strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise RuleViolation(
            errors={
                "file": _("The first row must name the columns; missing: %(columns)s.")
                % {"columns": ", ".join(missing)}
            }
        )
    reader.fieldnames = header
    rows = []
    try:
        for row in reader:
            if len(rows) >= MAX_ROWS:
                raise RuleViolation(errors={"file": _("At most %(n)s rows at a time.") % {"n": MAX_ROWS}})
            rows.append({k: (v or "").strip() for k, v in row.items() if k in COLUMNS})
    except csv.Error as exc:
        raise RuleViolation(
            errors={"file": _("The file could not be read as CSV: %(error)s") % {"error": exc}}
        ) from None
    if not rows:
        raise RuleViolation(errors={"file": _("The file holds no organisations.")})
    return rows


def organisations_import(user, content: bytes) -> ImportReport:
    require(user, "consultations.add_stakeholderorganisation")
    rows = read_csv(content)
    aliases = _type_aliases()
    problems, prepared, seen = [], [], {}
    existing = {o.name.casefold(): o for o in StakeholderOrganisation.objects.all()}
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        data = dict(row)
        data["stakeholder_type"] = aliases.get(data.get("stakeholder_type", "").casefold(), "?")
        data["language"] = (data.get("language") or "nl").lower()
        name_key = data.get("name", "").casefold()
        if name_key and name_key in seen:
            problems.append(
                _("Row %(row)s, column %(column)s: the same name as row %(other)s.")
                % {"row": number, "column": "name", "other": seen[name_key]}
            )
            continue
        seen[name_key] = number
        instance = existing.get(name_key)
        try:
            clean = _validate({k: v for k, v in data.items() if k != "name"} if instance else data, instance=instance)
        except RuleViolation as exc:
            for column, messages in exc.errors.items():
                for message in messages:
                    problems.append(
                        _("Row %(row)s, column %(column)s: %(message)s")
                        % {"row": number, "column": column, "message": message}
                    )
            continue
        prepared.append((instance, clean, data.get("name", "")))
    if problems:
        raise RuleViolation(errors={"file": problems})
    report = ImportReport()
    with transaction.atomic():
        for instance, clean, name in prepared:
            if instance is None:
                organisation_create(user, **clean)
                report.created.append(name)
                continue
            changes = {k: v for k, v in clean.items() if getattr(instance, k) != v}
            if changes:
                organisation_update(user, instance, **changes)
                report.updated.append(instance.name)
            else:
                report.unchanged.append(instance.name)
        audit.record(
            user,
            "stakeholder.register_imported",
            ("consultations.stakeholderorganisation", "import"),
            data={"created": len(report.created), "updated": len(report.updated), "unchanged": len(report.unchanged)},
        )
    return report
