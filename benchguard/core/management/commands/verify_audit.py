"""`benchguard verify-audit`: recompute the audit chain; exit 1 at the first broken link.

The chain proves that no line was changed or removed since it was written, unless
someone rewrote every later line and the head too. To catch that, keep the head hash
this command prints somewhere outside the database (a printed log, another server) and
pass it back later with `--expect-head`: an honest chain still contains it.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from benchguard.core.audit import verify_chain
from benchguard.core.models import AuditEntry


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail and report the first broken line."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--expect-head",
            action="append",
            default=[],
            metavar="HASH",
            help="a head hash recorded earlier outside the database; the chain must still contain it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain()
        if not report.ok:
            where = f"entry #{report.first_broken_id}" if report.first_broken_id else "the end of the chain"
            raise CommandError(
                f"audit chain BROKEN at {where}: {report.reason} "
                f"({report.checked} entries verified before it)"
            )
        # The chain verified, so a recorded hash still in the table is still in the chain.
        present = set(
            AuditEntry.objects.filter(hash__in=options["expect_head"]).values_list("hash", flat=True)
        )
        missing = [expected for expected in options["expect_head"] if expected not in present]
        if missing:
            raise CommandError(
                f"audit chain REWRITTEN: recorded head(s) {', '.join(missing)} no longer in the chain "
                "(every line verifies, so the whole chain was recomputed)"
            )
        self.stdout.write(
            self.style.SUCCESS(f"audit chain intact: {report.checked} entries, head {report.last_hash}")
        )
