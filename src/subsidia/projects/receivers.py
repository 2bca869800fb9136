"""What projects does when assessment decides: assessment sends, projects listens (never the reverse).

Both signals arrive inside assessment's transaction: if creating an operation fails, the approval fails with it
and nothing is half done.
"""


def on_selection_decision_approved(sender, decision, actor, **kwargs):
    from .services import operations_create_from_decision

    operations_create_from_decision(actor, decision)


def on_selection_declined(sender, decision=None, line=None, application=None, actor=None, **kwargs):
    from .services import operation_cancel_declined

    application = application or getattr(line, "application", None)
    if application is not None:
        operation_cancel_declined(actor, application, reason=getattr(line, "declined_reason", "") or "")
