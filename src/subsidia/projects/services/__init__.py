"""Every change to operations and their parts: permission, rules, transaction, one audit event each."""

from .agreements import (
    agreement_cancel,
    agreement_confirm,
    agreement_prepare,
    agreement_sign,
    agreement_update_conditions,
)
from .amendments import (
    amendment_approve,
    amendment_prepare,
    amendment_recall,
    amendment_reject,
    amendment_submit,
    amendment_update,
    amendment_withdraw,
    proposed_terms,
)
from .creation import Selection, operations_create, operations_create_from_decision
from .lifecycle import operation_cancel_declined, operation_complete, operation_terminate, operation_update_details
from .reports import report_accept, report_create, report_return, report_submit, report_update

__all__ = [
    "Selection",
    "agreement_cancel",
    "agreement_confirm",
    "agreement_prepare",
    "agreement_sign",
    "agreement_update_conditions",
    "amendment_approve",
    "amendment_prepare",
    "amendment_recall",
    "amendment_reject",
    "amendment_submit",
    "amendment_update",
    "amendment_withdraw",
    "operation_cancel_declined",
    "operation_complete",
    "operation_terminate",
    "operation_update_details",
    "operations_create",
    "operations_create_from_decision",
    "proposed_terms",
    "report_accept",
    "report_create",
    "report_return",
    "report_submit",
    "report_update",
]
