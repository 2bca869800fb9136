"""What the assessment stage tells later stages. The `projects` app listens; assessment never imports it.

Both signals are sent *inside* the transaction of the service that changes the decision, so a receiver that
raises rolls the whole change back (decision, grants, audit events and whatever the receiver wrote).
"""

from django.dispatch import Signal

selection_decision_approved = Signal()
"""Sent by ``services.decision_approve`` after the grants are committed against the call's budget.

``sender``: the ``SelectionDecision`` class.
Keyword arguments:

- ``decision``: the approved ``SelectionDecision`` (status ``approved``; ``decision.call``, ``decision.number``,
  ``decision.kind`` — ``initial`` or ``reserve`` —, ``decision.approved_at``, ``decision.approved_by``).
- ``actor``: the authorising officer who approved it.

The applications it selects, with their frozen figures, are
``subsidia.assessment.selectors.selected_lines(decision)``: ``SelectionLine`` rows with ``application``
(and its ``organisation``), ``rank``, ``outcome`` (``selected`` or ``partial``), ``eu_amount`` (the EU grant,
``Decimal``), ``total_eligible_cost``, ``total_cost``, ``cofinancing_rate`` (``eu_amount ÷ total_eligible_cost``
to four decimals; lower than requested when partially funded), ``total_points`` and ``scores`` (one dict per
award criterion: ``criterion``, ``position``, ``points`` as a decimal string). A reserve decision selects only
the applications it moves up from the reserve list; earlier decisions' lines are not repeated.
"""

selection_declined = Signal()
"""Sent by ``services.grant_decline`` when a selected applicant declines the grant (or the officer records it).

``sender``: the ``SelectionDecision`` class.
Keyword arguments:

- ``decision``: the approved ``SelectionDecision`` that selected the application.
- ``line``: its ``SelectionLine`` (now with ``declined_at`` and ``declined_reason``; its ``eu_amount`` is
  no longer committed against the call's budget).
- ``application``: the declined ``Application``.
- ``actor``: who recorded the declination.

The freed budget goes to the next applications on the reserve list through a new decision (kind ``reserve``),
prepared and approved under four eyes; that decision then sends ``selection_decision_approved`` again.
"""
