"""Persons-of-concern matcher benchmark (A15, issue 4): name search and exact ID look-up
at 100,000 persons of concern (targets: name p95 ≤ 20 ms, ID p95 ≤ 2 ms; results in
docs/performance.md). The gate calls the same `matching.match`.

    python bench/matcher.py                  # SQLite in a temporary directory
    python bench/matcher.py --database-url postgres://postgres@127.0.0.1:5432/benchguard_bench

Builds a fresh database, runs `seed-scale` (20 courts, 3,000 people, and with them
BENCHGUARD_SCALE_PERSONS_OF_CONCERN persons of concern, default 100,000), then times
`match()` calls in process: names drawn from the stored names (half typed in
traditional characters or as a homophone), and resident ID numbers that exist.
"""

from __future__ import annotations

import os
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from measure import Measured, measure_each
from run import (
    benchmark_database,
    city_arguments,
    seed_city,
)

TARGETS_MS = {"name": 20.0, "id": 2.0}


def main(argv: list[str] | None = None) -> None:
    parser = city_arguments(__doc__.split("\n\n")[0], iterations=1000)
    args = parser.parse_args(argv)
    os.environ["BENCHGUARD_SCALE_PERSONS_OF_CONCERN"] = str(args.persons)
    with benchmark_database(args.database_url):
        from django.db import connection

        from benchguard.persons_of_concern.matching import match
        from benchguard.persons_of_concern.models import IdentityDocument, PersonName

        seed_seconds, seed_cpu = seed_city(analyze=not args.no_analyze)
        rng = random.Random(7)
        stored = list(PersonName.objects.values_list("name", flat=True)[:20000])
        names = rng.sample(stored, min(len(stored), args.iterations))
        homophones = str.maketrans("伟丽军华明", "炜莉君桦鸣")
        queries = [n.translate(homophones) if i % 2 else n for i, n in enumerate(names)]
        ids = [
            d.number
            for d in IdentityDocument.objects.filter(kind="resident_id").order_by("?")[: args.iterations]
        ]

        def calls(arguments: list[dict[str, str]]) -> list[Callable[[], Any]]:
            return [lambda a=a: match(**a) for a in arguments]

        # Each call: once recorded (untimed, warms the caches), once timed, and its own SQL
        # replayed once, rolled back (bench/measure.py). For the ID look-up the floor is
        # the look-up's own SQL alone.
        results: dict[str, Measured] = {
            "name": measure_each(calls([{"name": q} for q in queries])),
            "id": measure_each(calls([{"document_kind": "resident_id", "document_number": n} for n in ids])),
        }
        analyzed = "no ANALYZE" if args.no_analyze else "ANALYZE after seeding"
        print(
            f"database: {connection.vendor}; persons of concern: {args.persons:,}; "
            f"seed {seed_seconds:.0f} s (CPU {seed_cpu:.0f} s); {analyzed}; {len(ids)} calls each"
        )
        print("| look-up | p50 ms | p95 ms | max ms | queries | floor p50 ms | ratio | target p95 | met |")
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for label, measured in results.items():
            target = TARGETS_MS[label]
            request = measured.request
            met = "yes" if request.p95 <= target else "NO"
            print(
                f"| {label} | {request.p50:.2f} | {request.p95:.2f} | {request.max:.2f} | "
                f"{measured.queries} | {measured.floor.p50:.3f} | {measured.ratio:.1f}× | "
                f"{target:.0f} | {met} |"
            )


if __name__ == "__main__":
    main()
