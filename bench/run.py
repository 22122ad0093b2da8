"""BenchGuard's city-scale benchmark: directory search and person page at 20 courts /
3,000 people (issue 2 item 10; results and targets in docs/performance.md).

    python bench/run.py                      # SQLite in a temporary directory
    python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/benchguard_bench

It builds a fresh database (a temporary SQLite file, or the named PostgreSQL database,
dropped and recreated), migrates it, runs `seed-scale`, then times requests through
Django's test client — in process, so the numbers are server time without network or
browser — as a judge of the intermediate court and as a city superuser. Query counts
are captured on separate requests so that capturing does not slow the timed ones.
Nothing is contacted except the database. Targets are reported, not asserted: this is
a measuring instrument, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

DEFAULT_ITERATIONS = 200
WARMUP = 5
# Targets at this scale (docs/performance.md); p95 server time in milliseconds.
TARGETS_MS = {"search": 100.0, "list": 100.0, "person": 50.0, "api": 100.0}


@dataclass
class Row:
    label: str
    user: str
    url: str
    kind: str
    p50: float
    p95: float
    max: float
    queries: int
    status: int

    @property
    def target(self) -> float:
        return TARGETS_MS[self.kind]

    @property
    def met(self) -> bool:
        return self.p95 < self.target


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("DATABASE_URL", ""),
        help="PostgreSQL URL; its database is DROPPED and recreated, so its name must "
        "contain 'bench' (default: $DATABASE_URL, else a temporary SQLite file)",
    )
    parser.add_argument("--courts", type=int, default=20)
    parser.add_argument("--people", type=int, default=3000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--iterations", type=int, default=DEFAULT_ITERATIONS)
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    return parser.parse_args(argv)


# --- Database setup (before Django is imported) -------------------------------------------


def recreate_postgres_database(url: str) -> str:
    """Drop and create the benchmark database named in `url`; refuse other names, since
    dropping the suite's or a court's database by a typo would be a disaster."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"refusing to drop database {name!r}: use a dedicated name such as benchguard_bench")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return name


def drop_postgres_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


def configure_environment(var_dir: str, database_url: str) -> None:
    """Settings come from the environment (house style 12): set it before django.setup()."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchguard.config.settings"
    os.environ["BENCHGUARD_VAR_DIR"] = var_dir  # fresh SQLite file and generated keys
    os.environ["BENCHGUARD_ENV"] = "development"
    os.environ["DEBUG"] = "false"  # as in production: no debug pages, no query log
    os.environ["ALLOWED_HOSTS"] = "testserver"
    os.environ["TASKS_BACKEND"] = "immediate"  # nothing queued, no worker needed
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    else:
        os.environ.pop("DATABASE_URL", None)


# --- Measuring --------------------------------------------------------------------------


def percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    index = max(0, min(len(sorted_values) - 1, round(fraction * len(sorted_values) + 0.5) - 1))
    return sorted_values[index]


def measure(client: Any, url: str, iterations: int, *, label: str, user: str, kind: str) -> Row:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for _ in range(WARMUP):
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Read now: the next request's request_started signal clears the connection's log.
    queries = len(captured.captured_queries)
    timings = []
    for _ in range(iterations):
        started = time.perf_counter()
        client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return Row(
        label=label,
        user=user,
        url=url,
        kind=kind,
        p50=statistics.median(timings),
        p95=percentile(timings, 0.95),
        max=timings[-1],
        queries=queries,
        status=response.status_code,
    )


def timed(step: Callable[[], Any]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


def run(args: argparse.Namespace) -> dict[str, Any]:
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from benchguard.organization import services
    from benchguard.organization.choices import Role
    from benchguard.organization.models import Court, Person, RoleAssignment
    from benchguard.organization.scale import ScaleOptions, seed_scale

    migrate_seconds = timed(lambda: call_command("migrate", verbosity=0, interactive=False))
    seeded: dict[str, Any] = {}

    def seed() -> None:
        seeded["result"] = seed_scale(ScaleOptions(courts=args.courts, people=args.people, seed=args.seed))

    seed_seconds = timed(seed)

    intermediate = Court.objects.get(division_code="370200")
    judge_role = (
        RoleAssignment.objects.filter(court=intermediate, role=Role.JUDGE)
        .select_related("account")
        .order_by("account__username")
        .first()
    )
    assert judge_role is not None, "seed-scale gives every court a judge account"
    judge = judge_role.account
    superuser = services.create_account(
        actor=None,
        username="bench-cityadmin",
        display_name="基准测试管理员",
        password=None,
        is_staff=True,
        is_superuser=True,
    )

    # Search terms from the data itself: the commonest surname and the commonest
    # two-letter initials, so each search has many matches (the harder case).
    people = Person.objects.all()
    surnames = [name[0] for name in people.values_list("name", flat=True)]
    surname = max(set(surnames), key=surnames.count)
    initials = [i[:2] for i in people.values_list("name_initials", flat=True) if len(i) >= 2]
    common_initials = max(set(initials), key=initials.count)
    person = people.filter(court=intermediate).order_by("pk")[10]

    requests = [
        ("directory search by surname", f"/directory/people/?q={surname}", "search"),
        ("directory search by initials", f"/directory/people/?q={common_initials}", "search"),
        ("directory first page", "/directory/people/", "list"),
        ("person page", f"/directory/people/{person.pk}/", "person"),
        ("API search by surname", f"/api/people/?q={surname}", "api"),
    ]
    backend = "django.contrib.auth.backends.ModelBackend"
    rows: list[Row] = []
    for user_label, account in (("judge (1 court)", judge), ("city superuser", superuser)):
        client = Client()
        client.force_login(account, backend=backend)
        for label, url, kind in requests:
            rows.append(measure(client, url, args.iterations, label=label, user=user_label, kind=kind))

    # The committee office's inbox of the intermediate court, against the scale matters.
    from benchguard.matters.models import Matter

    office = services.create_account(
        actor=None, username="bench-office", display_name="基准测试办公室", password=None
    )
    services.assign_role(actor=None, account=office, role=Role.COMMITTEE_OFFICE, court=intermediate)
    client = Client()
    client.force_login(office, backend=backend)
    some_matter = Matter.objects.filter(court=intermediate).order_by("pk").first()
    assert some_matter is not None, "seed-scale generates matters"
    for label, url, kind in (
        ("matters inbox", "/matters/", "list"),
        ("matter page", f"/matters/{some_matter.pk}/", "person"),
        ("API matters list", "/api/matters/", "api"),
    ):
        rows.append(measure(client, url, args.iterations, label=label, user="committee office", kind=kind))

    # The incident register of the office's court, against the scale incidents.
    from benchguard.incidents.models import Incident

    some_incident = Incident.objects.filter(court=intermediate).order_by("pk").first()
    assert some_incident is not None, "seed-scale generates incidents"
    for label, url, kind in (
        ("incident register", "/incidents/", "list"),
        ("incident register, open threats", "/incidents/?kind=threat&status=open", "list"),
        ("incident page", f"/incidents/{some_incident.pk}/", "person"),
    ):
        rows.append(measure(client, url, args.iterations, label=label, user="committee office", kind=kind))

    result = seeded["result"]
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "database": f"{connection.display_name} {_server_version(connection)}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "cpus": os.cpu_count(),
        "debug": settings.DEBUG,
        "courts": args.courts,
        "people": result.people,
        "private_details": result.private_details,
        "accounts": result.accounts,
        "judge_court_people": people.filter(court=intermediate).count(),
        "matters": Matter.objects.count(),
        "court_matters": Matter.objects.filter(court=intermediate).count(),
        "incidents": Incident.objects.count(),
        "court_incidents": Incident.objects.filter(court=intermediate).count(),
        "migrate_seconds": migrate_seconds,
        "seed_seconds": seed_seconds,
        "iterations": args.iterations,
        "rows": [asdict(row) | {"target": row.target, "met": row.met} for row in rows],
    }


def _server_version(connection: Any) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
        else:
            cursor.execute("show server_version")
        return str(cursor.fetchone()[0])


def print_report(report: dict[str, Any]) -> None:
    print(f"\nBenchGuard benchmark — {report['date']}")
    print(
        f"database: {report['database']} · Python {report['python']} · "
        f"Django {report['django']} · {report['cpus']} CPUs · DEBUG={report['debug']}"
    )
    print(
        f"data: {report['courts']} courts, {report['people']} people "
        f"({report['private_details']} private records, {report['accounts']} accounts); "
        f"the judge's court has {report['judge_court_people']} people; "
        f"{report['matters']} matters ({report['court_matters']} in the office's court); "
        f"{report['incidents']} incidents ({report['court_incidents']} in the office's court)"
    )
    print(
        f"migrate {report['migrate_seconds']:.1f} s · seed-scale {report['seed_seconds']:.2f} s · "
        f"{report['iterations']} timed requests each\n"
    )
    header = (
        f"{'request':<34} {'as':<16} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'queries':>7} {'target p95':>10}  met"
    )
    print(header)
    print("-" * len(header))
    for row in report["rows"]:
        met = "yes" if row["met"] else "NO"
        if row["status"] != 200:
            met += f" (HTTP {row['status']})"
        target = f"< {row['target']:.0f}"
        print(
            f"{row['label']:<34} {row['user']:<16} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['max']:>8.1f} {row['queries']:>7} {target:>10}  {met}"
        )
    print()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="benchguard-bench-") as var_dir:
        if args.database_url:
            recreate_postgres_database(args.database_url)
        configure_environment(var_dir, args.database_url)
        try:
            report = run(args)
        finally:
            from django.db import connections

            connections.close_all()
            if args.database_url and not args.keep:
                drop_postgres_database(args.database_url)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    failed = [row for row in report["rows"] if row["status"] != 200]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
