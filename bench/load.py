"""Load test (issue 16, part 6): a city's morning against real app servers, measured.

    python bench/load.py                                   # one gunicorn app server
    python bench/load.py --servers 2 --workers 2 --tasks redis   # two, behind a balancer

Needs the `load` extra (`pip install -e '.[load]'`: locust) and PostgreSQL (the app
servers share it, as a court's do). Steps:

1. a fresh PostgreSQL database (`--database-url`, dropped afterwards), migrate,
   `seed-scale` (20 courts, 3,000 people, 20,000 persons of concern), ANALYZE;
2. accounts with a password for the load's users (gatehouse guards, the committee
   office, judges, judicial police of the intermediate court) and the rows they pick
   from, written to a plan file for `bench/locustfile.py`;
3. `--servers` app servers, `benchguard serve` (gunicorn with `deploy/gunicorn.conf.py`,
   production settings, DEBUG off, HTTPS_ONLY off on the loopback), each on its own
   port; with two or more, the simple balancer `bench/balancer.py` in front, every
   request on a new connection so consecutive requests of one user land on different
   servers (sessions, once tokens and locks must hold across processes);
   `--workers` `benchguard worker` processes on the `--tasks` queue (database or Redis);
4. locust, headless, against 127.0.0.1 only, bounded by `--run-time` and
   `--max-requests`; meanwhile PostgreSQL's connections to the database are sampled;
5. the report: requests per second, p50/p95/p99 per request type, failures (must be
   zero), the database's connections (peak and mean), the tasks the workers ran, and the
   periodic jobs claimed (each period once, whichever worker); `--json` for a machine.

Nothing but 127.0.0.1 is contacted. Figures are reported, not asserted; the exit code
is 1 when any request failed.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import benchmark_database, seed_city

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PASSWORD = "LoadTest-2026-only"  # noqa: S105  (accounts of a throw-away database)
# One account per simulated user at the most (a TOTP code is accepted once per device and
# time step, so two users never share an account): enough for --users 60.
LOAD_ACCOUNTS = {"guard": 30, "office": 10, "judge": 24, "police": 10}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, tries: int = 300) -> None:
    """Poll `url` until it answers 200 (the server booted), a bounded number of times."""
    for _ in range(tries):
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310  (127.0.0.1)
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def prepare_plan(path: Path) -> dict[str, Any]:
    """Accounts with a password for the load's users, and the rows they pick from."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from benchguard.gate.models import Post
    from benchguard.incidents.models import Incident
    from benchguard.matters.models import Matter
    from benchguard.organization import services
    from benchguard.organization.choices import Role
    from benchguard.organization.models import Court, Person
    from benchguard.organization.scale import random_name
    from benchguard.persons_of_concern.models import ControlledListEntry

    court = Court.objects.get(division_code="370200")
    roles = {
        "guard": Role.GATEHOUSE_GUARD,
        "office": Role.COMMITTEE_OFFICE,
        "judge": Role.JUDGE,
        "police": Role.JUDICIAL_POLICE,
    }
    accounts: dict[str, list[str]] = {}
    keys: dict[str, str] = {}
    for kind, count in LOAD_ACCOUNTS.items():
        accounts[kind] = []
        for n in range(count):
            username = f"load-{kind}-{n}"
            account = services.create_account(
                actor=None, username=username, display_name=f"负载{kind}{n}", password=PASSWORD
            )
            services.assign_role(actor=None, account=account, role=roles[kind], court=court)
            accounts[kind].append(username)
            # Enrolled in the second factor, as production requires of whoever reads the
            # controlled list or private details (signin.second_factor): locust computes
            # the codes from the key, as the phone's authenticator app would.
            device = TOTPDevice.objects.create(user=account, name="load", confirmed=True)
            keys[username] = device.key
    people = Person.objects.filter(court=court, is_active=True)
    rng = random.Random(16)
    names = [n[0] for n in people.values_list("name", flat=True)]
    plan = {
        "password": PASSWORD,
        "accounts": accounts,
        "totp_keys": keys,
        "court": court.pk,
        "gate_post": Post.objects.get(court=court, kind="gatehouse").pk,
        "host_numbers": list(people.exclude(staff_number="").values_list("staff_number", flat=True)[:300]),
        "court_people": list(people.values_list("pk", flat=True)[:300]),
        "surnames": sorted(set(names))[:30],
        "visitor_names": [random_name(rng)[0] for _ in range(2000)],
        "listed_names": list(
            ControlledListEntry.objects.filter(
                approved_at__isnull=False, removed_at__isnull=True
            ).values_list("person__name", flat=True)[:200]
        ),
        "matters": list(Matter.objects.filter(court=court).values_list("pk", flat=True)[:500]),
        "incidents": list(Incident.objects.filter(court=court).values_list("pk", flat=True)[:500]),
    }
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return plan


class ConnectionSampler(threading.Thread):
    """PostgreSQL's connections to the load's database, every half second."""

    def __init__(self, database_url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.samples, self.stopping = database_url, [], threading.Event()

    def run(self) -> None:
        import psycopg

        name = self.url.rsplit("/", 1)[1]
        with psycopg.connect(self.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as connection:
            while not self.stopping.wait(0.5):
                row = connection.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [name]
                ).fetchone()
                self.samples.append(int(row[0]) if row else 0)


def stats_rows(prefix: str) -> list[dict[str, Any]]:
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        return [
            {
                "name": row["Name"],
                "method": row["Type"],
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"] or 0),
                "p95": float(row["95%"] or 0),
                "p99": float(row["99%"] or 0),
            }
            for row in csv.DictReader(stats)
        ]


def tasks_run(tasks: str) -> dict[str, int]:
    if tasks == "redis":
        import django_rq

        queue = django_rq.get_queue("default")
        return {
            "finished": queue.finished_job_registry.count,
            "failed": queue.failed_job_registry.count,
            "waiting": queue.count,
        }
    from django.db.models import Count
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.values("status", "task_path").annotate(n=Count("id"))
    return {f"{row['status'].lower()} {row['task_path'].rsplit('.', 1)[1]}": row["n"] for row in rows}


def periodic_claims() -> dict[str, Any]:
    from django.db.models import Count

    from benchguard.core.models import PeriodicRun

    claims = PeriodicRun.objects.values("job", "period").annotate(n=Count("id"))
    return {"periods": claims.count(), "claimed_twice": sum(1 for c in claims if c["n"] > 1)}


def run(args: argparse.Namespace) -> dict[str, Any]:
    environment = {"TASKS_BACKEND": args.tasks, "BENCHGUARD_SCALE_PERSONS_OF_CONCERN": "20000"}
    if args.tasks == "redis":
        environment["REDIS_URL"] = args.redis_url
    with benchmark_database(args.database_url, **environment):
        from django.conf import settings
        from django.db import connections

        seed_seconds, _cpu = seed_city(analyze=True)
        var_dir = Path(os.environ["BENCHGUARD_VAR_DIR"])
        plan_path = var_dir / "load-plan.json"
        prepare_plan(plan_path)
        # What the seeding queued (its notifications' e-mails) is not the load's work; the
        # periodic jobs' first runs on a new database (every job due at once, reminders
        # over the whole city) are not a morning's either: one worker pass does them first.
        from django_tasks_db.models import DBTaskResult

        DBTaskResult.objects.all().delete()
        if args.tasks == "redis":
            import django_rq

            django_rq.get_connection("default").flushdb()
        connections.close_all()

        secrets = json.loads((var_dir / "local-secrets.json").read_text(encoding="utf-8"))
        env = {
            **os.environ,
            **secrets,
            "BENCHGUARD_ENV": "production",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on the loopback: a client library sends no Secure cookie over it.
            "HTTPS_ONLY": "false",
            "BENCHGUARD_BASE_URL": "http://127.0.0.1",
            "BENCHGUARD_LOAD_PLAN": str(plan_path),
        }
        processes: list[subprocess.Popen[bytes]] = []
        logs = var_dir / "logs"
        logs.mkdir()

        def start(name: str, command: list[str]) -> None:
            log = open(logs / f"{name}.log", "wb")  # noqa: SIM115  (closed with the process)
            processes.append(
                subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
            )

        # As an installation does before it serves: the static files, hashed, with their manifest.
        subprocess.run(  # noqa: S603 - our own command
            [str(BIN / "benchguard"), "collectstatic", "--noinput", "--verbosity", "0"],
            env=env,
            cwd=ROOT,
            check=True,
        )
        # The workers' e-mails go by SMTP to a local sink that counts them.
        mail_port, mail_count = free_port(), var_dir / "mails-sent"
        env.update({"EMAIL_HOST": "127.0.0.1", "EMAIL_PORT": str(mail_port)})
        start("smtp", [sys.executable, str(ROOT / "bench" / "smtp_sink.py"), "--port", str(mail_port),
                       "--count-file", str(mail_count)])  # fmt: skip
        first_pass = time.perf_counter()
        with open(logs / "first-pass.log", "wb") as first_pass_log:
            subprocess.run(  # noqa: S603 - our own command
                [str(BIN / "benchguard"), "worker", "--once"],
                env=env, cwd=ROOT, check=True, stdout=first_pass_log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        first_pass_seconds = time.perf_counter() - first_pass
        # From here on, what the workers do and send is the load's.
        DBTaskResult.objects.all().delete()
        connections.close_all()
        mails_before = int(mail_count.read_text()) if mail_count.exists() else 0
        ports = [free_port() for _ in range(args.servers)]
        for n, port in enumerate(ports):
            # The production server as a court runs it: gunicorn with deploy/gunicorn.conf.py.
            serve = [str(BIN / "benchguard"), "serve", "--bind", f"127.0.0.1:{port}"]
            sizes = ["--workers", str(args.gunicorn_workers), "--threads", str(args.threads)]
            start(f"web{n}", [*serve, *sizes])
        for n in range(args.workers):
            start(f"worker{n}", [str(BIN / "benchguard"), "worker", "--interval", "1"])
        try:
            for port in ports:
                wait_until_up(f"http://127.0.0.1:{port}/healthz")
            if args.servers > 1:
                front = free_port()
                targets = [f"127.0.0.1:{port}" for port in ports]
                start("balancer", [sys.executable, str(ROOT / "bench" / "balancer.py"), "--listen",
                                   f"127.0.0.1:{front}", "--to", *targets])  # fmt: skip
                wait_until_up(f"http://127.0.0.1:{front}/healthz")
            else:
                front = ports[0]
            sampler = ConnectionSampler(args.database_url)
            sampler.start()
            prefix = str(var_dir / "locust")
            env["BENCHGUARD_LOAD_MAX_REQUESTS"] = str(args.max_requests)
            env["BENCHGUARD_LOAD_NEW_CONNECTIONS"] = "1" if args.servers > 1 else "0"
            started = time.perf_counter()
            command = [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
                       "--users", str(args.users), "--spawn-rate", str(args.spawn_rate),
                       "--run-time", args.run_time, "--host", f"http://127.0.0.1:{front}",
                       "--csv", prefix, "--only-summary", "--stop-timeout", "10"]  # fmt: skip
            locust = subprocess.run(  # noqa: S603 - our own command
                command, env=env, cwd=ROOT, capture_output=True, text=True, check=False
            )
            seconds = time.perf_counter() - started
            sampler.stopping.set()
            sampler.join()
            time.sleep(3)  # let the workers take what the last requests queued
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
            if args.keep_logs:
                shutil.copytree(logs, args.keep_logs, dirs_exist_ok=True)
        if locust.returncode not in (0, 1):
            print(locust.stdout[-4000:], locust.stderr[-4000:], sep="\n")
            raise SystemExit(f"locust failed ({locust.returncode})")
        rows = stats_rows(prefix)
        report = {
            "machine": {"cpus": os.cpu_count(), "load_before_after": os.getloadavg()},
            "database": connections["default"].vendor + " " + str(connections["default"].pg_version),
            "setup": {
                "servers": args.servers,
                "gunicorn_workers": args.gunicorn_workers,
                "threads": args.threads,
                "workers": args.workers,
                "tasks": args.tasks,
                "users": args.users,
                "run_time": args.run_time,
                "seed_seconds": round(seed_seconds, 1),
                "first_worker_pass_seconds": round(first_pass_seconds, 1),
                "new_connection_per_request": args.servers > 1,
            },
            "seconds": round(seconds, 1),
            "rows": rows,
            "connections": {
                "peak": max(sampler.samples, default=0),
                "mean": round(statistics.mean(sampler.samples), 1) if sampler.samples else 0,
            },
            "tasks": tasks_run(args.tasks),
            "mails_delivered": (int(mail_count.read_text()) if mail_count.exists() else 0) - mails_before,
            "periodic": periodic_claims(),
            "failures": sum(r["failures"] for r in rows if r["name"] != "Aggregated"),
            "failure_lines": [
                line for line in locust.stderr.splitlines() if "Failure" in line or "Error" in line
            ][:20],
        }
        if settings.DEBUG:
            raise SystemExit("the load ran with DEBUG on: the figures are not production's")
        return report


def print_report(report: dict[str, Any]) -> None:
    setup = report["setup"]
    print(
        f"\n{setup['servers']} app server(s) × {setup['gunicorn_workers']} gunicorn workers × "
        f"{setup['threads']} threads, {setup['workers']} task worker(s) on {setup['tasks']}; "
        f"{setup['users']} users for {setup['run_time']} ({report['seconds']} s); {report['database']}; "
        f"{report['machine']['cpus']} CPUs, load {report['machine']['load_before_after']}"
    )
    print("\n| request | requests | failures | req/s | p50 | p95 | p99 |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for row in report["rows"]:
        print(
            f"| {row['name']} | {row['requests']} | {row['failures']} | {row['rps']:.1f} | "
            f"{row['p50']:.0f} ms | {row['p95']:.0f} ms | {row['p99']:.0f} ms |"
        )
    print(
        f"\nPostgreSQL connections: peak {report['connections']['peak']}, "
        f"mean {report['connections']['mean']}; "
        f"tasks: {report['tasks']}; e-mails delivered by SMTP: {report['mails_delivered']}; "
        f"periodic: {report['periodic']}; failures: {report['failures']}"
    )
    for line in report["failure_lines"]:
        print("  ", line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/benchguard_load")
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=1, help="benchguard worker processes")
    parser.add_argument("--tasks", choices=("database", "redis"), default="database")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--users", type=int, default=40)
    parser.add_argument("--spawn-rate", type=float, default=20)
    parser.add_argument("--run-time", default="60s")
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--keep-logs", default="", help="copy the servers' and workers' logs to this folder")
    args = parser.parse_args(argv)
    if "bench" not in args.database_url and "load" not in args.database_url:
        raise SystemExit("use a throw-away database (its name contains 'load' or 'bench')")
    report = run(args)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_report(report)
    return 1 if report["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
