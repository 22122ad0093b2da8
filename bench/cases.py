"""Cases benchmark (A14, issue 12): filing a case with its parties screened against the
controlled list, at 100,000 persons of concern and 200,000 cases, and the filing clerk's
cases list at 1× and 4× the cases (results in docs/performance.md).

    python bench/cases.py                  # SQLite in a temporary directory
    python bench/cases.py --database-url postgres://postgres@127.0.0.1:5432/benchguard_bench

Builds a fresh database and runs `seed-scale` (20 courts, 3,000 people) with
BENCHGUARD_SCALE_PERSONS_OF_CONCERN and BENCHGUARD_SCALE_CASES set, then, as a filing
clerk of the intermediate court:

1. files cases through the service (`cases.services.file_case`), each with a new number
   and two natural persons as parties with new valid resident IDs — one in ten named
   like a person on the controlled list — so each filing screens two parties; every
   call is measured against its own SQL (bench/measure.py's `measure_each`: recorded,
   timed, replayed once; the case's INSERT clashes with its own number on replay and
   runs in a savepoint);
2. GETs the cases list (`/cases/`) and a search by a party's name (`/cases/?q=…`), then
   seeds three times as many cases again and measures both pages against the database
   as it is and a copy kept from before, in alternating rounds (bench/run.py's
   `Snapshot` and `interleaved`): a list meets when its p50 at 4× is at most 1.2× its
   p50 at 1× and its query count is the same.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from measure import Measured, measure_each
from run import (
    SCALING_TARGET,
    Snapshot,
    _load,
    benchmark_database,
    city_arguments,
    interleaved,
    seed_city,
)

FILING_TARGET_MS = 100.0  # p95 of a filing with two parties (as the other form posts)
LIST_TARGET_MS = 100.0


def main(argv: list[str] | None = None) -> None:
    parser = city_arguments(__doc__.split("\n\n")[0], iterations=300)
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument(
        "--scale-factor", type=int, default=4, help="measure the lists again at this many times the cases"
    )
    args = parser.parse_args(argv)
    os.environ["BENCHGUARD_SCALE_PERSONS_OF_CONCERN"] = str(args.persons)
    os.environ["BENCHGUARD_SCALE_CASES"] = str(args.cases)
    with benchmark_database(args.database_url):
        from django.conf import settings
        from django.db import connection
        from django.test import Client
        from django.utils import timezone

        from benchguard.cases import services
        from benchguard.cases.models import Case, Party
        from benchguard.core.identity import check_character
        from benchguard.organization import services as org
        from benchguard.organization.choices import Role
        from benchguard.organization.models import Court
        from benchguard.organization.scale import random_name
        from benchguard.persons_of_concern.models import ControlledListEntry

        seed_seconds, seed_cpu = seed_city(analyze=not args.no_analyze)
        court = Court.objects.get(division_code="370200")
        clerk = org.create_account(
            actor=None, username="bench-clerk", display_name="基准立案员", password=None
        )
        org.assign_role(actor=None, account=clerk, role=Role.FILING_CLERK, court=court)
        listed = list(
            ControlledListEntry.objects.filter(
                approved_at__isnull=False, removed_at__isnull=True
            ).values_list("person__name", flat=True)[:100]
        )
        today = timezone.localdate()
        sequence = [
            Case.objects.filter(court=court, year=today.year, type_code="民初")
            .order_by("-sequence")
            .values_list("sequence", flat=True)
            .first()
            or 0
        ]
        rng = random.Random(12)

        def party(i: int, role: str) -> dict[str, str]:
            first17 = f"370203{1950 + i % 50}{1 + i % 12:02d}{1 + i % 28:02d}{i // 1000 % 1000:03d}"
            name = rng.choice(listed) if i % 10 == 0 and listed else random_name(rng)[0]
            return {
                "kind": "person",
                "role": role,
                "name": name,
                "document_kind": "resident_id",
                "document_number": first17 + check_character(first17),
            }

        def filing(i: int) -> Callable[[], Any]:
            parties = [party(2 * i, "plaintiff"), party(2 * i + 1, "defendant")]

            def file() -> Any:
                sequence[0] += 1  # every call a new number: recorded, timed, warm-up alike
                return services.file_case(
                    actor=clerk,
                    court=court,
                    number=f"（{today.year}）{court.case_code}民初{sequence[0]}号",
                    cause="民间借贷纠纷",
                    filed_on=today,
                    parties=parties,
                )

            return file

        filed = measure_each([filing(i) for i in range(args.iterations)])
        cases_1x, parties_1x = Case.objects.count(), Party.objects.count()
        court_cases_1x = Case.objects.filter(court=court).count()

        # The list and a search by a party's name, newest filed first, as the clerk sees them.
        name = (
            Party.objects.filter(case__court=court, kind="person", case__year=today.year - 1)
            .order_by("pk")
            .values_list("name", flat=True)
            .first()
        )
        client = Client()
        client.force_login(clerk, backend=settings.AUTHENTICATION_BACKENDS[-1])
        pages = {
            "cases list": "/cases/",
            f"search by a party's name ({name})": f"/cases/?q={quote(name or '')}",
        }
        snapshot = Snapshot(connection, suffix="1x")
        snapshot.take()
        more_seconds = time.perf_counter()
        more_cases(args.cases * (args.scale_factor - 1))
        more_seconds = time.perf_counter() - more_seconds
        cases_nx, parties_nx = Case.objects.count(), Party.objects.count()
        court_cases_nx = Case.objects.filter(court=court).count()
        measured = interleaved(
            {label: partial(client.get, url) for label, url in pages.items()},
            {"1x": snapshot.name, "nx": snapshot.original},
            iterations=args.iterations,
            use=snapshot.use,
        )
        snapshot.use(snapshot.original)
        snapshot.drop()

        analyzed = "no ANALYZE" if args.no_analyze else "ANALYZE after seeding"
        print(
            f"database: {connection.vendor}; persons of concern: {args.persons:,}; cases: {cases_1x:,} "
            f"({court_cases_1x:,} in the clerk's court) with {parties_1x:,} parties; "
            f"seed {seed_seconds:.0f} s (CPU {seed_cpu:.0f} s); {analyzed}; load {_load()}"
        )
        print(
            f"filings: {args.iterations}, each recorded, timed and its SQL replayed once "
            f"(up to {filed.failing_on_replay} statements per filing clash on replay and run in a savepoint)"
        )
        print("| request | p50 ms | p95 ms | max ms | queries | floor p50 ms | ratio | target p95 | met |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        print(row("file a case with two person parties (service)", filed, FILING_TARGET_MS))
        for label in pages:
            print(row(f"{label}, 1×", measured[label]["1x"], LIST_TARGET_MS))
        print(
            f"\nScaling: {cases_nx:,} cases ({court_cases_nx:,} in the court) with {parties_nx:,} parties "
            f"after seeding {args.scale_factor - 1}× as many again ({more_seconds:.0f} s, no ANALYZE after "
            f"it); {args.iterations} requests a page on each, in ten alternating rounds. Met: time ratio "
            f"≤ {SCALING_TARGET} and equal query counts.\n"
        )
        factor = args.scale_factor
        print(
            f"| list | p50 1× ms | p50 {factor}× ms | time ratio | queries 1× | queries {factor}× | "
            f"floor 1× ms | floor {factor}× ms | ratio to floor {factor}× | met |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for label in pages:
            before, after = measured[label]["1x"], measured[label]["nx"]
            ratio = after.request.p50 / before.request.p50
            met = ratio <= SCALING_TARGET and before.queries == after.queries
            status = measured[label]["status"]
            met_cell = ("yes" if met else "NO") + ("" if status == 200 else f" (HTTP {status})")
            print(
                f"| {label} | {before.request.p50:.1f} | {after.request.p50:.1f} | {ratio:.2f} | "
                f"{before.queries} | {after.queries} | {before.floor.p50:.2f} | {after.floor.p50:.2f} | "
                f"{after.ratio:.1f}× | {met_cell} |"
            )


def row(label: str, measured: Measured, target: float) -> str:
    request = measured.request
    return (
        f"| {label} | {request.p50:.1f} | {request.p95:.1f} | {request.max:.1f} | {measured.queries} | "
        f"{measured.floor.p50:.2f} | {measured.ratio:.1f}× | {target:.0f} | "
        f"{'yes' if request.p95 <= target else 'NO'} |"
    )


def more_cases(count: int) -> None:
    """`count` more cases by the cases generator, over the people already there (more
    history, not more staff), in one transaction as seed-scale runs it."""
    from django.db import transaction

    from benchguard.cases.scale import generate_cases
    from benchguard.organization.models import Court, Department, Person
    from benchguard.organization.scale import ScaleContext, ScaleOptions

    courts = list(Court.objects.filter(people__isnull=False).distinct().order_by("pk"))
    departments: dict[int, list[Department]] = {court.pk: [] for court in courts}
    for department in Department.objects.filter(court__in=courts, is_active=True).order_by("court_id", "pk"):
        departments[department.court_id].append(department)
    os.environ["BENCHGUARD_SCALE_CASES"] = str(count)
    ctx = ScaleContext(
        rng=random.Random("bench-cases-more"),
        options=ScaleOptions(),
        courts=courts,
        departments=departments,
        people=list(Person.objects.filter(court__in=courts).order_by("pk")),
        accounts=[],
    )
    with transaction.atomic():
        generate_cases(ctx)


if __name__ == "__main__":
    main()
