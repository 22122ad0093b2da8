"""`benchguard export-audit-head`: write the audit chain's head outside the database.

    benchguard export-audit-head --file /srv/audit-heads/benchguard.jsonl
    benchguard export-audit-head --syslog loghost.court.local:514

Without options it uses AUDIT_HEAD_EXPORT_FILE / AUDIT_HEAD_EXPORT_SYSLOG, as the hourly
job `core.export_audit_head` does. Check against the file later with
`benchguard verify-audit --expect-heads-from FILE` (core.audit_export).
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from benchguard.core.audit_export import export_head


class Command(BaseCommand):
    help = "Append the audit chain's head (id, hash, time) to a file and/or send it to syslog."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--file", type=Path, help="file to append one JSON line to")
        parser.add_argument("--syslog", default="", help='syslog address: "/dev/log" or "host:port" (UDP)')

    def handle(self, *args: Any, **options: Any) -> None:
        file: Path | None = options["file"]
        syslog: str = options["syslog"]
        if file is None and not syslog:
            file = Path(settings.AUDIT_HEAD_EXPORT_FILE) if settings.AUDIT_HEAD_EXPORT_FILE else None
            syslog = settings.AUDIT_HEAD_EXPORT_SYSLOG
        if file is None and not syslog:
            raise CommandError(
                "nowhere to export: give --file or --syslog, "
                "or set AUDIT_HEAD_EXPORT_FILE / AUDIT_HEAD_EXPORT_SYSLOG"
            )
        try:
            head = export_head(now=timezone.now(), file=file, syslog=syslog)
        except OSError as exc:
            raise CommandError(f"audit head not exported: {exc}") from exc
        if head is None:
            self.stdout.write("audit trail is empty: nothing exported")
            return
        self.stdout.write(f"audit head #{head.id} {head.hash} exported")
