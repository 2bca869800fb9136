"""Unique operation codes (CPR art. 49(3)): ``<fund>-<region>-<year>-<number>``, e.g. ``AMIF-VLG-2026-0001``.

The number is gap-free per prefix: the sequence row is locked while a code is given, and it commits or rolls
back with the operation that received it, so a failed selection leaves no hole.
"""

from ..models import OperationCodeSequence


def code_prefix(fund_code: str, region_code: str, year: int) -> str:
    return f"{fund_code}-{region_code}-{year}"


def next_code(prefix: str) -> str:
    """Give the next code under ``prefix``; call inside the transaction that stores the operation."""
    # get_or_create on a locking queryset: the first writer creates the row, a concurrent one waits for it.
    sequence, _ = OperationCodeSequence.objects.select_for_update().get_or_create(prefix=prefix)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{prefix}-{sequence.last_number:04d}"
