"""BenchGuard's city-scale benchmark: directory search and person page at 20 courts /
3,000 people (issue 2 item 10; results and targets in docs/performance.md).

    python bench/run.py                      # SQLite in a temporary directory
    python bench/run.py --database-url postgres://postgres@127.0.0.1:5432/benchguard_bench

It builds a fresh database (a temporary SQLite file, or the named PostgreSQL database,
dropped and recreated), migrates it, runs `seed-scale`, then times requests through
Django's test client — in process, so the numbers are server time without network or
browser — as a judge of the intermediate court and as a city superuser. Every row also
gives the request's SQL floor and the ratio request ÷ floor (bench/measure.py); the
statements are recorded on a separate request so that recording never slows a timed
one. Then three times as much data again is seeded (`--scale-factor`, default 4) and the
lists are measured against it and against a copy of the database kept from before, in
alternating rounds: the scaling rows, ratio 4× ÷ 1× ≤ 1.2 with equal query counts.
Nothing is contacted except the database. Targets are reported, not asserted: this is a
measuring instrument, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import Measured, Replay, Timings, measure_repeatable, recorded

DEFAULT_ITERATIONS = 200
# The lists measured at 1× and at --scale-factor × their data (issue 11 item 4).
SCALING_ROWS = (
    "matters inbox",
    "incident register",
    "visits register",
    "interference register",
    "API matters list",
    "API visits list",
)
SCALING_TARGET = 1.2
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
    floor_p50: float
    ratio: float

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
    parser.add_argument(
        "--optimize",
        action="store_true",
        help="after each seeding run the nightly job's core.upkeep.optimize() (default: no statistics "
        "beyond the ANALYZE that migrate runs on the empty tables, the lists must do without)",
    )
    parser.add_argument(
        "--scale-factor",
        type=int,
        default=4,
        help="measure the lists again at this many times the data (default 4; 1 skips the scaling rows)",
    )
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--keep", action="store_true", help="keep the PostgreSQL database afterwards")
    return parser.parse_args(argv)


def city_arguments(description: str, *, iterations: int) -> argparse.ArgumentParser:
    """The options gate.py and matcher.py share: where, how many persons of concern, how
    many timed calls (`iterations` by default) and whether to ANALYZE after seeding."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--iterations", type=int, default=iterations)
    parser.add_argument(
        "--no-analyze",
        action="store_true",
        help="skip the ANALYZE after seeding (by default run once, as the periodic job would)",
    )
    return parser


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


@contextmanager
def benchmark_database(database_url: str, **environment: str) -> Iterator[None]:
    """The benchmark scripts' one frame: a fresh database (a temporary SQLite file, or the
    named PostgreSQL database dropped and recreated), the settings' environment (with
    `environment` on top) and Django set up; afterwards the connections closed and a
    PostgreSQL database dropped."""
    with tempfile.TemporaryDirectory(prefix="benchguard-bench-") as var_dir:
        if database_url:
            recreate_postgres_database(database_url)
        configure_environment(var_dir, database_url)
        os.environ.update(environment)
        import django

        django.setup()
        try:
            yield
        finally:
            from django.db import connections

            connections.close_all()
            if database_url:
                drop_postgres_database(database_url)


def seed_city(*, analyze: bool) -> tuple[float, float]:
    """For gate.py and matcher.py, after django.setup(): migrate, seed-scale's 20 courts
    and 3,000 people (seed 42) and, when `analyze`, the application's ANALYZE, as after
    migrate or autovacuum after a bulk load; the seeding's wall-clock and CPU seconds."""
    from django.core.management import call_command

    from benchguard.organization.scale import ScaleOptions, seed_scale

    call_command("migrate", verbosity=0, interactive=False)
    started, cpu = time.perf_counter(), time.process_time()
    seed_scale(ScaleOptions(courts=20, people=3000, seed=42))
    seed_seconds, seed_cpu = time.perf_counter() - started, time.process_time() - cpu
    if analyze:
        from benchguard.core import upkeep

        upkeep.analyze()
    return seed_seconds, seed_cpu


# --- Measuring --------------------------------------------------------------------------


def measure(client: Any, url: str, iterations: int, *, label: str, user: str, kind: str) -> Row:
    """Time GETs of `url`, then replay one GET's own SQL as often (bench/measure.py)."""
    measured, response = measure_repeatable(lambda: client.get(url), iterations)
    return Row(
        label=label,
        user=user,
        url=url,
        kind=kind,
        p50=measured.request.p50,
        p95=measured.request.p95,
        max=measured.request.max,
        queries=int(measured.queries),
        status=response.status_code,
        floor_p50=measured.floor.p50,
        ratio=measured.ratio,
    )


def timed(step: Callable[[], Any]) -> float:
    started = time.perf_counter()
    step()
    return time.perf_counter() - started


class Snapshot:
    """A copy of the benchmark database under another name, to measure the same requests
    against the data as it was (SQLite: the backup API into a second file; PostgreSQL: a
    database created from the first as its template)."""

    def __init__(self, connection: Any, *, suffix: str) -> None:
        self.connection = connection
        self.original = str(connection.settings_dict["NAME"])
        if connection.vendor == "sqlite":
            self.name = f"{self.original}.{suffix}"
        else:
            self.name = f"{self.original}_{suffix}"

    def take(self) -> None:
        if self.connection.vendor == "sqlite":
            import sqlite3

            self.connection.ensure_connection()
            with sqlite3.connect(self.name) as target:
                self.connection.connection.backup(target)
            return
        self.connection.close()
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}"')
            admin.execute(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.original}"')

    def use(self, name: str) -> None:
        """Point the default connection at `name` (the next query reconnects)."""
        self.connection.close()
        self.connection.settings_dict["NAME"] = name

    def drop(self) -> None:
        if self.connection.vendor == "sqlite":
            Path(self.name).unlink(missing_ok=True)
            return
        with self._admin() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')

    def _admin(self) -> Any:
        import psycopg

        params = self.connection.get_connection_params()
        params.pop("cursor_factory", None)
        params.pop("context", None)
        params["dbname"] = "postgres"
        return psycopg.connect(**params, autocommit=True)


def interleaved(
    calls: dict[str, Callable[[], Any]],
    databases: dict[str, str],
    *,
    iterations: int,
    use: Callable[[str], None],
    rounds: int = 10,
) -> dict[str, dict[str, Any]]:
    """Time each call against each database in alternating rounds (the order of the
    databases swapped every round), then record each call's SQL on each database and
    replay it for the floor; returns label → database key → Measured, and "status"."""
    per_round = max(1, iterations // rounds)
    times: dict[tuple[str, str], list[float]] = {(label, key): [] for label in calls for key in databases}
    keys = list(databases)
    for number in range(rounds):
        for key in keys if number % 2 == 0 else reversed(keys):
            use(databases[key])
            for label, call in calls.items():
                for _ in range(2):  # warm the new connection and the page's caches
                    call()
                for _ in range(per_round):
                    started = time.perf_counter()
                    call()
                    times[(label, key)].append((time.perf_counter() - started) * 1000)
    results: dict[str, dict[str, Any]] = {label: {} for label in calls}
    for key in keys:
        use(databases[key])
        for label, call in calls.items():
            response, statements = recorded(call)
            replay = Replay(statements)
            results[label][key] = Measured(
                Timings(times[(label, key)]), replay.times(iterations), replay.queries, len(replay.failing)
            )
            results[label]["status"] = max(results[label].get("status", 0), response.status_code)
    return results


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
    if args.optimize:
        from benchguard.core import upkeep

        upkeep.optimize()

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
    judge_court_people = people.filter(court=intermediate).count()

    requests = [
        ("directory search by surname", f"/directory/people/?q={surname}", "search"),
        ("directory search by initials", f"/directory/people/?q={common_initials}", "search"),
        ("directory first page", "/directory/people/", "list"),
        ("person page", f"/directory/people/{person.pk}/", "person"),
        ("API search by surname", f"/api/people/?q={surname}", "api"),
    ]
    backend = settings.AUTHENTICATION_BACKENDS[-1]  # the accounts backend (axes only guards)
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

    # The gatehouse's visits register, as the court's judicial police see it.
    from benchguard.gate.models import Visit

    police = services.create_account(
        actor=None, username="bench-police", display_name="基准测试法警", password=None
    )
    services.assign_role(actor=None, account=police, role=Role.JUDICIAL_POLICE, court=intermediate)
    police_client = Client()
    police_client.force_login(police, backend=backend)
    for label, url, kind in (
        ("visits register", "/gate/visits/", "list"),
        ("API visits list", "/api/gate/visits/", "api"),
    ):
        rows.append(
            measure(police_client, url, args.iterations, label=label, user="judicial police", kind=kind)
        )

    # The union's welfare lists of the intermediate court, against the scale payments
    # and follow-ups (welfare/scale.py).
    union = services.create_account(
        actor=None, username="bench-union", display_name="基准测试工会", password=None
    )
    services.assign_role(actor=None, account=union, role=Role.TRADE_UNION, court=intermediate)
    union_client = Client()
    union_client.force_login(union, backend=backend)
    for label, url, kind in (
        ("welfare follow-ups", "/welfare/followups/", "list"),
        ("condolence payments", "/welfare/condolence/", "list"),
        ("API welfare follow-ups", "/api/welfare/followups/", "api"),
    ):
        rows.append(measure(union_client, url, args.iterations, label=label, user="trade union", kind=kind))
    # The personnel office's leave list and home panel (wellbeing), against the scale
    # leave rows: every person of the court with their leave for the year.
    personnel = services.create_account(
        actor=None, username="bench-personnel", display_name="基准测试政治部", password=None
    )
    services.assign_role(actor=None, account=personnel, role=Role.PERSONNEL_OFFICE, court=intermediate)
    personnel_client = Client()
    personnel_client.force_login(personnel, backend=backend)
    for label, url, kind in (
        ("annual leave list", "/wellbeing/leave/", "list"),
        ("API leave list", "/api/wellbeing/leave/", "api"),
    ):
        rows.append(
            measure(personnel_client, url, args.iterations, label=label, user="personnel office", kind=kind)
        )
    # The interference register as its keeper (the trial-management office) reads it:
    # every list and page writes its access line to the audit trail (A7.1).
    from benchguard.interference.models import Entry

    keeper = services.create_account(
        actor=None, username="bench-keeper", display_name="基准测试审管办", password=None
    )
    services.assign_role(actor=None, account=keeper, role=Role.TRIAL_MANAGEMENT, court=intermediate)
    keeper_client = Client()
    keeper_client.force_login(keeper, backend=backend)
    some_entry = Entry.objects.filter(court=intermediate).order_by("pk").first()
    assert some_entry is not None, "seed-scale generates interference entries"
    for label, url, kind in (
        ("interference register", "/interference/", "list"),
        ("interference entry page", f"/interference/{some_entry.pk}/", "person"),
        ("API interference entries", "/api/interference/entries/", "api"),
    ):
        rows.append(
            measure(
                keeper_client, url, args.iterations, label=label, user="trial-management office", kind=kind
            )
        )

    def counts() -> dict[str, int]:
        return {
            "interference_entries": Entry.objects.count(),
            "court_interference_entries": Entry.objects.filter(court=intermediate).count(),
            "matters": Matter.objects.count(),
            "court_matters": Matter.objects.filter(court=intermediate).count(),
            "incidents": Incident.objects.count(),
            "court_incidents": Incident.objects.filter(court=intermediate).count(),
            "visits": Visit.objects.count(),
            "court_visits": Visit.objects.filter(court=intermediate).count(),
        }

    data = counts()
    scaling: list[dict[str, Any]] = []
    scaled: dict[str, Any] = {}
    if args.scale_factor > 1:
        # Three times as much data again, by the same generators (new people, and with
        # them matters, incidents, visits, persons of concern); no ANALYZE, as a real
        # install would not run one either — unless the application itself does. The
        # 1× database is kept as a copy, and the two are then measured in alternating
        # rounds, so that a machine slowing down between the two halves of the run
        # cannot pass for growth (or hide it).
        snapshot = Snapshot(connection, suffix="1x")
        snapshot.take()
        more = ScaleOptions(
            courts=args.courts, people=args.people * (args.scale_factor - 1), seed=args.seed, force=True
        )
        scaled["seed_seconds"] = timed(lambda: seed_scale(more))
        if args.optimize:
            upkeep.optimize()
        scaled |= counts()
        clients = {
            "committee office": client,
            "judicial police": police_client,
            "trial-management office": keeper_client,
        }
        lists = [row for row in rows if row.label in SCALING_ROWS]
        databases = {"1x": snapshot.name, "nx": snapshot.original}
        measured = interleaved(
            {row.label: partial(clients[row.user].get, row.url) for row in lists},
            databases,
            iterations=args.iterations,
            use=snapshot.use,
        )
        snapshot.use(snapshot.original)
        snapshot.drop()
        for row in lists:
            before, after = measured[row.label]["1x"], measured[row.label]["nx"]
            ratio = after.request.p50 / before.request.p50
            scaling.append(
                {
                    "label": row.label,
                    "user": row.user,
                    "url": row.url,
                    "p50_1x": before.request.p50,
                    "p50_nx": after.request.p50,
                    "p95_nx": after.request.p95,
                    "floor_1x": before.floor.p50,
                    "floor_nx": after.floor.p50,
                    "ratio_to_floor_nx": after.ratio,
                    "time_ratio": ratio,
                    "queries_1x": before.queries,
                    "queries_nx": after.queries,
                    "status": measured[row.label]["status"],
                    "met": ratio <= SCALING_TARGET and before.queries == after.queries,
                }
            )

    result = seeded["result"]
    return {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "database": f"{connection.display_name} {_server_version(connection)}",
        "python": platform.python_version(),
        "django": django.get_version(),
        "cpus": os.cpu_count(),
        "load": _load(),
        "debug": settings.DEBUG,
        "courts": args.courts,
        "people": result.people,
        "private_details": result.private_details,
        "accounts": result.accounts,
        "judge_court_people": judge_court_people,
        **data,
        "migrate_seconds": migrate_seconds,
        "seed_seconds": seed_seconds,
        "iterations": args.iterations,
        "rows": [asdict(row) | {"target": row.target, "met": row.met} for row in rows],
        "scale_factor": args.scale_factor,
        "optimize": args.optimize,
        "scaled": scaled,
        "scaling": scaling,
    }


def _load() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "n/a"


def _server_version(connection: Any) -> str:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("select sqlite_version()")
        else:
            cursor.execute("show server_version")
        return str(cursor.fetchone()[0])


def _met(row: dict[str, Any]) -> str:
    """The report's "met" cell: yes or NO, and the HTTP status when it was not 200."""
    met = "yes" if row["met"] else "NO"
    if row["status"] != 200:
        met += f" (HTTP {row['status']})"
    return met


def print_report(report: dict[str, Any]) -> None:
    print(f"\nBenchGuard benchmark — {report['date']}")
    print(
        f"database: {report['database']} · Python {report['python']} · "
        f"Django {report['django']} · {report['cpus']} CPUs (load {report['load']}) · "
        f"DEBUG={report['debug']}"
    )
    print(
        f"data: {report['courts']} courts, {report['people']} people "
        f"({report['private_details']} private records, {report['accounts']} accounts); "
        f"the judge's court has {report['judge_court_people']} people; "
        f"{report['matters']} matters ({report['court_matters']} in the office's court); "
        f"{report['incidents']} incidents ({report['court_incidents']} in the office's court); "
        f"{report['visits']} visits ({report['court_visits']} at its gatehouse)"
    )
    print(
        f"migrate {report['migrate_seconds']:.1f} s · seed-scale {report['seed_seconds']:.2f} s · "
        f"{report['iterations']} timed requests and as many replays of their SQL each\n"
    )
    print("| request | as | p50 ms | p95 ms | queries | floor p50 ms | ratio | target p95 ms | met |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for row in report["rows"]:
        met = _met(row)
        print(
            f"| {row['label']} | {row['user']} | {row['p50']:.1f} | {row['p95']:.1f} | {row['queries']} | "
            f"{row['floor_p50']:.2f} | {row['ratio']:.1f}× | < {row['target']:.0f} | {met} |"
        )
    if report["scaling"]:
        factor = report["scale_factor"]
        scaled = report["scaled"]
        statistics = (
            "core.upkeep.optimize() after seeding"
            if report["optimize"]
            else "no ANALYZE run by the benchmark"
        )
        print(
            f"\nScaling: the same lists after seeding {factor - 1}× as much again "
            f"({scaled['seed_seconds']:.1f} s): {scaled['matters']} matters "
            f"({scaled['court_matters']} in the court), {scaled['incidents']} incidents "
            f"({scaled['court_incidents']}), {scaled['visits']} visits ({scaled['court_visits']}); "
            f"{statistics}. Met: time ratio ≤ {SCALING_TARGET} and equal query counts.\n"
        )
        print(
            f"| list | p50 1× ms | p50 {factor}× ms | time ratio {factor}×/1× | queries 1× | "
            f"queries {factor}× | floor 1× ms | floor {factor}× ms | ratio to floor {factor}× | met |"
        )
        print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
        for row in report["scaling"]:
            met = _met(row)
            print(
                f"| {row['label']} | {row['p50_1x']:.1f} | {row['p50_nx']:.1f} | {row['time_ratio']:.2f} | "
                f"{row['queries_1x']} | {row['queries_nx']} | {row['floor_1x']:.2f} | "
                f"{row['floor_nx']:.2f} | {row['ratio_to_floor_nx']:.1f}× | {met} |"
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
    failed = [row for row in [*report["rows"], *report["scaling"]] if row["status"] != 200]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
