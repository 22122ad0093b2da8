"""`benchguard seed-calendar [YEAR ...]`: fill the holiday and make-up workday table.

Without years it seeds the current and the next year. A year the installed
`chinese-calendar` carries gets the State Council's official table; any other year
gets its statutory holidays worked out from the law (no 调休) and stays provisional
until the official table arrives or an administrator confirms it (A26.4). Safe to run
any number of times.
"""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from benchguard.core import deadlines


class Command(BaseCommand):
    help = "Seed the holiday and make-up workday table (default: this year and next)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("years", nargs="*", type=int, metavar="YEAR")

    def handle(self, *args: Any, **options: Any) -> None:
        this_year = timezone.localdate().year
        years = options["years"] or [this_year, this_year + 1]
        first, last = deadlines.FIRST_SEEDABLE_YEAR, deadlines.LAST_SEEDABLE_YEAR
        bad = [year for year in years if not first <= year <= last]
        if bad:
            raise CommandError(f"years must be between {first} and {last}, got {bad}")
        report = deadlines.seed_calendar(years)
        for year, result in sorted(report.items()):
            counts = ", ".join(
                f"{len(result[key])} {key}" for key in ("created", "updated", "removed", "kept")
            )
            if result["status"] == "official":
                line = f"{year}: official table ({counts})"
            elif result["status"] == "provisional":
                line = (
                    f"{year}: PROVISIONAL — no official schedule in chinese-calendar "
                    f"{deadlines.package_version()}; the statutory holidays and their 补假 were "
                    f"worked out from the law ({counts}), without 调休. Enter the State "
                    "Council's schedule when it is published (or install a newer "
                    "chinese-calendar), then confirm the year in the admin."
                )
            else:
                line = f"{year}: kept as confirmed by an administrator"
            self.stdout.write(line)
