"""The audit trail: every event chained by SHA-256; tampering shows; redaction keeps the chain valid."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from subsidia.core import audit
from subsidia.core.models import AuditEvent


def _events(n, actor=None):
    return [
        audit.record(actor, "thing.happened", ("tests.thing", str(i)), after={"name": f"Jan {i}", "amount": "1.00"})
        for i in range(n)
    ]


@pytest.mark.django_db
def test_events_are_chained_in_sequence(officer):
    first, second = _events(2, officer)
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.previous_hash == audit.GENESIS_HASH
    assert second.previous_hash == first.chain_hash
    assert audit.verify().ok


@pytest.mark.django_db
def test_a_value_altered_in_the_database_breaks_the_chain_at_that_event():
    events = _events(5)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = 'thing.forged' WHERE id = %s", [events[2].pk])
    verdict = audit.verify()
    assert not verdict.ok
    assert verdict.broken.pk == events[2].pk
    assert "action" in verdict.reason


@pytest.mark.django_db
def test_changing_a_payload_value_is_detected():
    events = _events(3)
    AuditEvent.objects.filter(pk=events[1].pk).update(after={"name": "Jan 1", "amount": "1000.00"})
    verdict = audit.verify()
    assert not verdict.ok and verdict.broken.pk == events[1].pk


@pytest.mark.django_db
def test_deleting_an_event_is_detected():
    events = _events(4)
    AuditEvent.objects.filter(pk=events[1].pk).delete()
    assert not audit.verify().ok
    AuditEvent.objects.filter(pk=events[3].pk).delete()  # removing the last one too: the head still knows
    assert not audit.verify().ok


@pytest.mark.django_db
def test_removing_the_tail_is_detected_by_the_chain_head():
    events = _events(3)
    AuditEvent.objects.filter(pk=events[2].pk).delete()
    verdict = audit.verify()
    assert not verdict.ok
    assert "removed" in verdict.reason


@pytest.mark.django_db
def test_redacting_personal_data_keeps_the_chain_valid_but_the_value_is_gone():
    events = _events(3)
    audit.redact(events[1], ["after.name"])
    event = AuditEvent.objects.get(pk=events[1].pk)
    assert event.after["name"] == audit.REDACTED
    assert event.after["amount"] == "1.00"
    assert audit.verify().ok
    # A redacted event's other values are still protected.
    AuditEvent.objects.filter(pk=event.pk).update(after={"name": audit.REDACTED, "amount": "9.99"})
    assert not audit.verify().ok


@pytest.mark.django_db
def test_metadata_cannot_be_redacted():
    (event,) = _events(1)
    with pytest.raises(KeyError):
        audit.redact(event, ["action"])


@pytest.mark.django_db
def test_verify_audit_command_says_ok_or_names_the_broken_event(capsys):
    events = _events(3)
    call_command("verify_audit")
    assert "OK" in capsys.readouterr().out
    AuditEvent.objects.filter(pk=events[1].pk).update(object_id="999")
    with pytest.raises(CommandError) as failure:
        call_command("verify_audit")
    assert f"#{events[1].sequence}" in str(failure.value)


@pytest.mark.django_db
def test_an_event_rolls_back_with_the_business_transaction():
    with pytest.raises(RuntimeError), transaction.atomic():
        audit.record(None, "thing.happened", ("tests.thing", "1"))
        raise RuntimeError
    assert AuditEvent.objects.count() == 0
    _events(1)
    assert audit.verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    barrier = threading.Barrier(8, timeout=30)
    errors = []

    def writer(n):
        try:
            barrier.wait()
            with transaction.atomic():
                audit.record(None, "thing.happened", ("tests.thing", str(n)))
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert AuditEvent.objects.count() == 8
    assert list(AuditEvent.objects.values_list("sequence", flat=True)) == list(range(1, 9))
    assert audit.verify().ok
