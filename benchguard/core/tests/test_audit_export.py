"""The audit chain's head is exported outside the database, and `verify-audit` checks the
chain against the exported heads (issue 16)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command

from benchguard.core import audit, tasks
from benchguard.core.audit_export import recorded_hashes
from benchguard.core.tests.test_audit_chain import rewrite_chain

pytestmark = pytest.mark.django_db

T0 = datetime(2026, 3, 2, 9, 7, tzinfo=UTC)


def exported(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_each_export_appends_one_line_with_id_hash_and_times(tmp_path: Path) -> None:
    target = tmp_path / "heads" / "benchguard.jsonl"
    first = audit.record_event(actor=None, action="test.export.first")
    with time_machine.travel(T0, tick=False):
        call_command("export_audit_head", "--file", str(target), verbosity=0)
    second = audit.record_event(actor=None, action="test.export.second")
    with time_machine.travel(T0 + timedelta(hours=1), tick=False):
        call_command("export_audit_head", "--file", str(target), verbosity=0)

    lines = exported(target)
    assert [(line["id"], line["hash"]) for line in lines] == [
        (first.pk, first.hash),
        (second.pk, second.hash),
    ]
    assert lines[0]["created_at"] == first.created_at.isoformat()
    assert lines[1]["exported_at"] == (T0 + timedelta(hours=1)).isoformat()
    assert recorded_hashes(target) == [first.hash, second.hash]


def test_verify_audit_passes_with_every_exported_head_present(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "heads.jsonl"
    for n in range(3):
        audit.record_event(actor=None, action="test.export.n", n=n)
        call_command("export_audit_head", "--file", str(target), verbosity=0)

    call_command("verify_audit", "--expect-heads-from", str(target))

    assert "3 recorded head(s) present" in capsys.readouterr().out


def test_verify_audit_catches_a_recomputed_chain_with_the_export_file(tmp_path: Path) -> None:
    target = tmp_path / "heads.jsonl"
    recorded = audit.record_event(actor=None, action="test.export.recorded")
    call_command("export_audit_head", "--file", str(target), verbosity=0)
    # Someone with database rights edits that line and recomputes every hash after it.
    rewrite_chain(recorded.hash)

    with pytest.raises(CommandError, match=f"REWRITTEN: recorded head\\(s\\) {recorded.hash}"):
        call_command("verify_audit", "--expect-heads-from", str(target))


def test_verify_audit_refuses_a_file_that_is_not_an_export(tmp_path: Path) -> None:
    target = tmp_path / "heads.jsonl"
    target.write_text('{"hash": "abc"}\nnot json\n', encoding="utf-8")

    with pytest.raises(CommandError, match=r"heads\.jsonl:2: not an exported audit head line"):
        call_command("verify_audit", "--expect-heads-from", str(target))


def test_export_without_a_destination_is_refused(settings: Any) -> None:
    settings.AUDIT_HEAD_EXPORT_FILE = ""
    settings.AUDIT_HEAD_EXPORT_SYSLOG = ""

    with pytest.raises(CommandError, match="nowhere to export"):
        call_command("export_audit_head")
    # The hourly job does nothing when nothing is configured.
    assert tasks.export_audit_head.call() == ""


def test_the_hourly_job_appends_to_the_configured_file(settings: Any, tmp_path: Path) -> None:
    settings.AUDIT_HEAD_EXPORT_FILE = str(tmp_path / "heads.jsonl")
    head = audit.record_event(actor=None, action="test.export.job")

    assert tasks.export_audit_head.call() == head.hash
    assert recorded_hashes(tmp_path / "heads.jsonl") == [head.hash]


@pytest.fixture
def syslog_server() -> Iterator[socket.socket]:
    server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    server.bind(("127.0.0.1", 0))
    server.settimeout(5)
    yield server
    server.close()


def test_export_to_syslog_sends_one_datagram(syslog_server: socket.socket) -> None:
    head = audit.record_event(actor=None, action="test.export.syslog")
    port = syslog_server.getsockname()[1]

    call_command("export_audit_head", "--syslog", f"127.0.0.1:{port}", verbosity=0)

    datagram = syslog_server.recv(4096).decode()
    # <86>: facility authpriv (10) × 8 + severity info (6).
    assert datagram.startswith("<86>benchguard-audit-head: {")
    assert json.loads(datagram.split(": ", 1)[1].rstrip("\x00"))["hash"] == head.hash
