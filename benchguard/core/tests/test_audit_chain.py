"""The audit trail is append-only and hash-chained; tampering is caught."""

from collections.abc import Callable

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from benchguard.core import audit
from benchguard.core.models import AuditEntry
from tests.backends import execute_on_this_backend


def _drop_trigger() -> None:
    """What someone with database rights would do before editing the log."""
    execute_on_this_backend(
        sqlite="DROP TRIGGER core_auditentry_no_update",
        postgresql="DROP TRIGGER core_auditentry_no_update ON core_auditentry",
    )


def rewrite_chain(recorded_hash: str) -> None:
    """What someone with database rights would do to hide a change: edit the line whose
    hash was `recorded_hash` and recompute every hash after it, and the head."""
    _drop_trigger()
    previous = audit.GENESIS_HASH
    with connection.cursor() as cursor:
        for entry in AuditEntry.objects.order_by("id"):
            if entry.hash == recorded_hash:
                entry.actor_name = "someone else"
            entry.prev_hash = previous
            entry.hash = audit.entry_hash(entry)
            cursor.execute(
                "UPDATE core_auditentry SET actor_name = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [entry.actor_name, entry.prev_hash, entry.hash, entry.pk],
            )
            previous = entry.hash
        cursor.execute("UPDATE core_auditchainhead SET last_hash = %s", [previous])


def test_the_demo_trail_verifies(db: None) -> None:
    report = audit.verify_chain()
    assert report.ok
    assert report.checked == AuditEntry.objects.count() > 0


def test_each_line_links_to_the_one_before(db: None, persona: Callable[[str], AbstractBaseUser]) -> None:
    first = audit.record_event(actor=persona("office"), action="test.first")
    second = audit.record_event(actor=persona("office"), action="test.second")
    assert second.prev_hash == first.hash
    assert second.actor_name == "赵敏"


def test_the_orm_refuses_to_change_or_delete_a_line(db: None) -> None:
    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.action = "forged"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")


def test_the_database_refuses_an_update_behind_the_orms_back(db: None) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET action = 'forged'")


def test_verify_audit_names_the_first_changed_line(
    db: None, persona: Callable[[str], AbstractBaseUser]
) -> None:
    target = audit.record_access(
        actor=persona("personnel"), action="organization.private.view", obj=persona("judge")
    )
    audit.record_event(actor=None, action="test.after")
    _drop_trigger()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE core_auditentry SET actor_name = %s WHERE id = %s", ["someone else", target.pk]
        )
    with pytest.raises(CommandError, match=f"entry #{target.pk}: content does not match"):
        call_command("verify_audit")


def test_verify_audit_catches_a_removed_line(db: None) -> None:
    removed = audit.record_event(actor=None, action="test.removed")
    following = audit.record_event(actor=None, action="test.following")
    _drop_trigger()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [removed.pk])
    with pytest.raises(CommandError, match=f"entry #{following.pk}: previous-hash link broken"):
        call_command("verify_audit")


def test_verify_audit_catches_lines_cut_off_the_end(db: None) -> None:
    audit.record_event(actor=None, action="test.last")
    last = AuditEntry.objects.order_by("-id").first()
    assert last is not None
    _drop_trigger()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditentry WHERE id = %s", [last.pk])
    with pytest.raises(CommandError, match="the end of the chain"):
        call_command("verify_audit")


def test_verify_audit_reports_an_intact_chain(db: None, capsys: pytest.CaptureFixture[str]) -> None:
    call_command("verify_audit")
    assert "audit chain intact" in capsys.readouterr().out


def test_verify_audit_catches_a_removed_chain_head(db: None) -> None:
    from benchguard.core.models import AuditChainHead

    AuditChainHead.objects.all().delete()
    with pytest.raises(CommandError, match="the chain head is missing"):
        call_command("verify_audit")


def test_a_recomputed_chain_is_caught_by_a_head_recorded_outside(db: None) -> None:
    recorded = audit.record_event(actor=None, action="test.recorded").hash
    call_command("verify_audit", expect_head=[recorded])  # still there: passes
    # Someone with database rights rewrites a line and recomputes every hash after it.
    rewrite_chain(recorded)
    call_command("verify_audit")  # the rewrite is internally consistent ...
    with pytest.raises(CommandError, match="REWRITTEN"):
        call_command("verify_audit", expect_head=[recorded])  # ... but not with the record
