"""Sentences the pack's outputs share (HTML, PDF and XLSX say the same thing in the same words)."""

from django.utils.translation import gettext as _

from subsidia.core import formatting


def data_line(pack) -> str:
    when = formatting.datetime(pack.data_date)
    if pack.snapshot is None:
        return _("Data as of %(when)s (live data).") % {"when": when}
    return _("Data as of %(when)s: publication no. %(number)s of the list of operations (updated %(day)s).") % {
        "when": when,
        "number": pack.snapshot.number,
        "day": formatting.date(pack.snapshot.data_date),
    }


def status_line(envelope) -> str:
    """The programme's standing with the Commission, as a minister would say it."""
    version = envelope.version
    if version is None:
        return _("The programme has no version yet.")
    if envelope.awaiting_commission:
        return _(
            "Submitted to the European Commission on %(day)s and awaiting its approval: the budget is final only "
            "once the Commission adopts the programme."
        ) % {"day": formatting.date(version.submitted_on)}
    if envelope.is_final:
        if version.number > 1:
            return _("Adopted by the Commission and amended: version %(number)s, decision %(decision)s of %(day)s.") % {
                "number": version.number,
                "decision": version.commission_decision_number,
                "day": formatting.date(version.commission_decision_date),
            }
        return _("Adopted by the Commission: decision %(decision)s of %(day)s.") % {
            "decision": version.commission_decision_number,
            "day": formatting.date(version.commission_decision_date),
        }
    return _("In preparation (draft): not yet submitted to the Commission; the figures are provisional.")


def region_name(pack) -> str:
    return str(pack.region) if pack.region else _("the whole programme")


def question_line(question) -> str:
    return _("Written question no. %(number)s (%(session)s) of %(day)s by %(member)s") % {
        "number": question.number,
        "session": question.session,
        "day": formatting.date(question.asked_on),
        "member": question.member_name + (f" ({question.member_group})" if question.member_group else ""),
    }


def beneficiary(row: dict) -> str:
    """The beneficiary as published, or why it is not shown."""
    if row.get("publication_restricted"):
        return _("withheld (publication restricted)")
    return (
        row.get("beneficiary_name")
        or row.get("beneficiary_first_name_surname")
        or _("natural person (name no longer published)")
    )
