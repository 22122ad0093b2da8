"""The audit chain's head, kept outside the database (issue 16, part 5).

The hash chain proves that no audit line was changed or removed — unless someone with
write access to the database rewrote every later line and the head as well. A head
recorded elsewhere catches that: `benchguard verify-audit --expect-heads-from FILE`
(or `--expect-head HASH`) fails when a recorded head is no longer in the chain.

`export_head` appends one JSON object a line to a file (on another machine's mount, or a
file the log collector ships away) and/or sends the same line to syslog (a remote log
host the database's administrators cannot write). The job `core.export_audit_head` does
it hourly with the configured destinations; `benchguard export-audit-head` by hand.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import os
import socket
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings

from benchguard.core.models import AuditEntry

logger = logging.getLogger(__name__)

SYSLOG_TAG = "benchguard-audit-head"


@dataclass(frozen=True)
class Head:
    id: int
    hash: str
    created_at: str
    exported_at: str


def current_head(now: datetime) -> Head | None:
    """The last line of the chain; None while the audit trail is empty."""
    last = AuditEntry.objects.order_by("-pk").only("pk", "hash", "created_at").first()
    if last is None:
        return None
    return Head(
        id=last.pk, hash=last.hash, created_at=last.created_at.isoformat(), exported_at=now.isoformat()
    )


def head_line(head: Head) -> str:
    return json.dumps(asdict(head), sort_keys=True)


def append_to_file(head: Head, path: Path) -> None:
    """One line appended and flushed to disk: a crash never leaves half a line behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        handle.write(head_line(head) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _syslog_address(address: str) -> str | tuple[str, int]:
    if address.startswith("/"):
        return address
    host, _sep, port = address.rpartition(":")
    return (host, int(port)) if host else (address, logging.handlers.SYSLOG_UDP_PORT)


def send_to_syslog(head: Head, address: str) -> None:
    handler = logging.handlers.SysLogHandler(
        address=_syslog_address(address),
        facility=logging.handlers.SysLogHandler.LOG_AUTHPRIV,
        socktype=socket.SOCK_DGRAM,
    )
    handler.ident = f"{SYSLOG_TAG}: "
    try:
        handler.emit(
            logging.makeLogRecord({"msg": head_line(head), "levelno": logging.INFO, "levelname": "INFO"})
        )
    finally:
        handler.close()


def export_head(*, now: datetime, file: Path | None = None, syslog: str = "") -> Head | None:
    """Write the current head to the file and/or syslog address; return it (None: no audit yet)."""
    head = current_head(now)
    if head is None:
        logger.info("audit head not exported: the audit trail is empty")
        return None
    if file is not None:
        append_to_file(head, file)
    if syslog:
        send_to_syslog(head, syslog)
    logger.info("audit head #%s %s exported", head.id, head.hash)
    return head


def export_configured(*, now: datetime) -> Head | None:
    """The periodic job: export to the configured destinations, if any."""
    file = settings.AUDIT_HEAD_EXPORT_FILE
    syslog = settings.AUDIT_HEAD_EXPORT_SYSLOG
    if not file and not syslog:
        return None
    return export_head(now=now, file=Path(file) if file else None, syslog=syslog)


def recorded_hashes(path: Path) -> list[str]:
    """Every hash in an export file (the lines `append_to_file` wrote)."""
    hashes = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            hashes.append(str(json.loads(line)["hash"]))
        except (ValueError, KeyError, TypeError):
            raise ValueError(f"{path}:{number}: not an exported audit head line") from None
    return hashes
