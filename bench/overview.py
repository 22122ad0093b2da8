"""Leaders' overview benchmark (A30, issue 12 part 7): the intermediate court's
president opens the city's overview, at seed-scale's city and at N times its incidents,
matters and visits; its query count stays flat as the data grows (results in
docs/performance.md).

    python bench/overview.py                  # SQLite in a temporary directory
    python bench/overview.py --database-url postgres://postgres@127.0.0.1:5432/benchguard_bench

Builds a fresh database and runs `seed-scale` (20 courts, 3,000 people) with
BENCHGUARD_SCALE_PERSONS_OF_CONCERN set, then, as an account of the intermediate court
holding the president's roles (court leader, court president, committee chair and
office, so that every figure is drawn), GETs the city overview (`/overview/`) and one
base court's (`/overview/?court=…`). It then seeds the incidents, matters and visits
generators (N - 1) times again and measures both pages against the database as it is
and a copy kept from before, in alternating rounds (bench/run.py's `Snapshot` and
`interleaved`): a page meets when its query count is the same at N× and its p95 stays
under PAGE_TARGET_MS. Its time is shown against the lists' 1.2 ratio but not held to it:
a count reads every row it counts, so the page's time grows with the court's records
(a summary table would be the next step if that ever matters).
"""

from __future__ import annotations

import os
import random
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import SCALING_TARGET, Snapshot, _load, benchmark_database, city_arguments, interleaved, seed_city

PAGE_TARGET_MS = 300.0  # p95 of the whole overview: a dozen grouped counts


def main(argv: list[str] | None = None) -> None:
    parser = city_arguments(__doc__.split("\n\n")[0], iterations=100)
    parser.add_argument(
        "--scale-factor", type=int, default=4, help="measure the page again at this many times the data"
    )
    args = parser.parse_args(argv)
    os.environ["BENCHGUARD_SCALE_PERSONS_OF_CONCERN"] = str(args.persons)
    with benchmark_database(args.database_url):
        from django.conf import settings
        from django.db import connection
        from django.test import Client

        from benchguard.gate.models import Visit
        from benchguard.incidents.models import Incident
        from benchguard.matters.models import Matter
        from benchguard.organization import services as org
        from benchguard.organization.choices import Role
        from benchguard.organization.models import Court

        seed_seconds, seed_cpu = seed_city(analyze=not args.no_analyze)
        court = Court.objects.get(division_code="370200")
        base = Court.objects.filter(parent=court).order_by("sort_order", "division_code").first()
        president = org.create_account(
            actor=None, username="bench-president", display_name="基准院长", password=None
        )
        for role in (Role.COURT_LEADER, Role.COURT_PRESIDENT, Role.COMMITTEE_CHAIR, Role.COMMITTEE_OFFICE):
            org.assign_role(actor=None, account=president, role=role, court=court)
        client = Client()
        client.force_login(president, backend=settings.AUTHENTICATION_BACKENDS[-1])
        pages = {"city overview": "/overview/"}
        if base is not None:
            pages[f"overview of one base court ({base.short_name})"] = f"/overview/?court={base.pk}"
        for url in pages.values():
            assert client.get(url).status_code == 200, url

        def sizes() -> str:
            return (
                f"{Incident.objects.count():,} incidents, {Matter.objects.count():,} matters, "
                f"{Visit.objects.count():,} visits"
            )

        size_1x = sizes()
        snapshot = Snapshot(connection, suffix="1x")
        snapshot.take()
        more_seconds = time.perf_counter()
        for round_number in range(args.scale_factor - 1):
            more_data(round_number)
        more_seconds = time.perf_counter() - more_seconds
        size_nx = sizes()
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
            f"database: {connection.vendor}; persons of concern: {args.persons:,}; 1×: {size_1x}; "
            f"seed {seed_seconds:.0f} s (CPU {seed_cpu:.0f} s); {analyzed}; load {_load()}"
        )
        factor = args.scale_factor
        print(
            f"{factor}×: {size_nx} after seeding {factor - 1}× as many again ({more_seconds:.0f} s, "
            f"no ANALYZE after it); {args.iterations} requests a page on each, in ten alternating rounds. "
            f"Met: p95 ≤ {PAGE_TARGET_MS:.0f} ms and equal query counts (the lists' time ratio, "
            f"≤ {SCALING_TARGET}, is shown, not required: counting reads every row counted).\n"
        )
        print(
            f"| page | p50 1× ms | p95 1× ms | p50 {factor}× ms | p95 {factor}× ms | time ratio | "
            f"queries 1× | queries {factor}× | met |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for label in pages:
            before, after = measured[label]["1x"], measured[label]["nx"]
            ratio = after.request.p50 / before.request.p50
            met = before.queries == after.queries and after.request.p95 <= PAGE_TARGET_MS
            status = measured[label]["status"]
            met_cell = ("yes" if met else "NO") + ("" if status == 200 else f" (HTTP {status})")
            print(
                f"| {label} | {before.request.p50:.1f} | {before.request.p95:.1f} | "
                f"{after.request.p50:.1f} | {after.request.p95:.1f} | {ratio:.2f} | "
                f"{before.queries} | {after.queries} | {met_cell} |"
            )


def more_data(round_number: int) -> None:
    """As many incidents, matters and visits again by their generators, over the people
    already there (more history, not more staff), in one transaction as seed-scale runs
    them."""
    from django.db import transaction

    from benchguard.gate.scale import generate_visits
    from benchguard.incidents.scale import generate_incidents
    from benchguard.matters.scale import generate_matters
    from benchguard.organization.models import Court, Department, Person
    from benchguard.organization.scale import ScaleContext, ScaleOptions

    courts = list(Court.objects.filter(people__isnull=False).distinct().order_by("pk"))
    departments: dict[int, list[Department]] = {court.pk: [] for court in courts}
    for department in Department.objects.filter(court__in=courts, is_active=True).order_by("court_id", "pk"):
        departments[department.court_id].append(department)
    ctx = ScaleContext(
        rng=random.Random(f"bench-overview-more-{round_number}"),
        options=ScaleOptions(),
        courts=courts,
        departments=departments,
        people=list(Person.objects.filter(court__in=courts).order_by("pk")),
        accounts=[],
    )
    with transaction.atomic():
        generate_incidents(ctx)
        generate_matters(ctx)
        generate_visits(ctx)


if __name__ == "__main__":
    main()
