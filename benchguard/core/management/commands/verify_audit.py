"""`benchguard verify-audit`: recompute the audit chain; exit 1 at the first broken link."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from benchguard.core.audit import verify_chain


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail and report the first broken line."

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.ok:
            where = f"entry #{report.first_broken_id}" if report.first_broken_id else "the end of the chain"
            raise CommandError(
                f"audit chain BROKEN at {where}: {report.reason} "
                f"({report.checked} entries verified before it)"
            )
        self.stdout.write(
            self.style.SUCCESS(f"audit chain intact: {report.checked} entries, head {report.last_hash}")
        )
