"""`benchguard verify-audit`: recompute the audit chain; exit 1 at the first broken link.

The chain proves that no line was changed or removed since it was written, unless
someone rewrote every later line and the head too. To catch that, keep the head hash
this command prints somewhere outside the database (a printed log, another server) and
pass it back later with `--expect-head`: an honest chain still contains it. The hourly
export (`export-audit-head`, core.audit_export) keeps such a file; pass it whole with
`--expect-heads-from FILE`.
"""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from benchguard.core.audit import verify_chain
from benchguard.core.audit_export import recorded_hashes
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
        parser.add_argument(
            "--expect-heads-from",
            action="append",
            default=[],
            type=Path,
            metavar="FILE",
            help="a file written by export-audit-head: the chain must still contain every head in it",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        expected: list[str] = list(options["expect_head"])
        for path in options["expect_heads_from"]:
            try:
                expected += recorded_hashes(path)
            except (OSError, ValueError) as exc:
                raise CommandError(f"cannot read recorded heads: {exc}") from exc
        report = verify_chain()
        if not report.ok:
            where = f"entry #{report.first_broken_id}" if report.first_broken_id else "the end of the chain"
            raise CommandError(
                f"audit chain BROKEN at {where}: {report.reason} "
                f"({report.checked} entries verified before it)"
            )
        # The chain verified, so a recorded hash still in the table is still in the chain.
        # In batches: an hourly export file holds thousands of heads a year.
        unique = sorted(set(expected))
        present: set[str] = set()
        for start in range(0, len(unique), 500):
            batch = unique[start : start + 500]
            present.update(AuditEntry.objects.filter(hash__in=batch).values_list("hash", flat=True))
        missing = list(dict.fromkeys(value for value in expected if value not in present))
        if missing:
            raise CommandError(
                f"audit chain REWRITTEN: recorded head(s) {', '.join(missing)} no longer in the chain "
                "(every line verifies, so the whole chain was recomputed)"
            )
        checked_heads = f", {len(set(expected))} recorded head(s) present" if expected else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"audit chain intact: {report.checked} entries, head {report.last_hash}{checked_heads}"
            )
        )
