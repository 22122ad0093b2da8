"""`benchguard seed-scale`: city-scale synthetic data for benchmarks (issue 2 item 10).

How the data is made, and why it is bulk-inserted with one audit event, is explained in
`benchguard.organization.scale`.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from benchguard.organization.scale import ScaleDataExists, ScaleOptions, seed_scale


class Command(BaseCommand):
    help = (
        "Generate realistic city-scale data: the real courts plus generated tribunals, "
        "their departments, people, private details, accounts and roles. Refuses when "
        "scale data exists unless --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--courts", type=int, default=20, help="courts of the city (default 20)")
        parser.add_argument("--people", type=int, default=3000, help="people to create (default 3000)")
        parser.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
        parser.add_argument("--force", action="store_true", help="add more people even if scale data exists")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = seed_scale(
                ScaleOptions(
                    courts=options["courts"],
                    people=options["people"],
                    seed=options["seed"],
                    force=options["force"],
                )
            )
        except ScaleDataExists as exc:
            # Not an error: the data the operator asked for is there. Exit 0.
            self.stdout.write(self.style.WARNING(f"Nothing created: {exc}."))
            return
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {result.people} people ({result.private_details} with private "
                f"details, {result.accounts} accounts, {result.role_assignments} roles), "
                f"{result.courts} courts and {result.departments} departments "
                f"in {result.seconds:.1f} s."
            )
        )
        for area, counts in result.areas.items():
            described = ", ".join(f"{count} {name}" for name, count in counts.items())
            self.stdout.write(f"  {area}: {described}")
