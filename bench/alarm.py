"""The one-press alarm's benchmark (issue 15 part 5): the time from the press to the
officer's screen showing it, with ten officers' screens open.

    python bench/alarm.py                        # SQLite in a temporary directory
    python bench/alarm.py --presses 20 --database-url postgres://postgres@127.0.0.1:5432/benchguard_alarm

It builds a fresh database (migrate, seed-demo), adds ten judicial police officers to
the intermediate court, starts a real server process as a court runs it (`benchguard
serve`: gunicorn with deploy/gunicorn.conf.py, production settings, DEBUG off, static files
collected; `--server runserver` for the development server), signs ten HTTP clients in as the
officers and makes each poll the officers' screen's feed (/alarm/board/feed/) every
2 seconds, as the open page does (htmx `every 2s`), each at its own phase. The judge
then presses the alarm on the phone page (a real POST with its once token) `--presses`
times; for each press and each officer the latency is the time from just before the POST
to the first poll response that contains the alarm. Reported: median, p95 and max over
all officer×press pairs, and the feed's own response time (server time plus loopback).

The floor is the polling interval: with a 2 s poll the expected latency is about 1 s and
the worst about 2 s plus the feed's response time. Nothing but the local server is
contacted. Targets are reported, not asserted.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent / "benchguard"
PASSWORD = "bench-demo-2026"  # noqa: S105 - the demo personas' published password
OFFICERS = 10
POLL_SECONDS = 2.0
TARGET_P95_SECONDS = 3.0  # a 2 s poll + the feed's response time; an internal target

# Ten officers of the intermediate court, all on duty now (the roster's officers on duty
# are the ones told first; the others only on escalation).
ADD_OFFICERS = """
import datetime as dt
from django.utils import timezone
from benchguard.duty import services as duty
from benchguard.organization import services as org
from benchguard.organization.choices import Role
from benchguard.organization.models import Account, Court
court = Court.objects.get(division_code="370200")
keeper = Account.objects.get(username="police")
start = timezone.now().replace(second=0, microsecond=0) - dt.timedelta(hours=1)
for i in range({n}):
    name = f"benchpolice{{i}}"
    if Account.objects.filter(username=name).exists():
        continue
    account = org.create_account(actor=None, username=name, display_name=f"警员{{i}}", password="{pw}")
    org.assign_role(actor=None, account=account, role=Role.JUDICIAL_POLICE, court=court)
    person = org.create_person(
        actor=None, court=court, name=f"警员{{i}}", category="other_staff", staff_number=f"B{{i:04d}}",
        account=account,
    )
    duty.add_shift(actor=keeper, court=court, person=person, role="police", starts_at=start,
                   ends_at=start + dt.timedelta(hours=12))
"""


class Client:
    """A signed-in browser without a browser: cookies, CSRF, once tokens."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    def post(self, path: str, data: dict[str, str], headers: dict[str, str] | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
            self.base + path, data=body, headers={"Referer": self.base + path, **(headers or {})}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", "")

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def login(self, username: str) -> None:
        self.get("/accounts/login/")
        status, _ = self.post(
            "/accounts/login/",
            {"username": username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf()},
        )
        assert status == 302, f"{username} could not sign in ({status})"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(env: dict[str, str], *args: str) -> None:
    command = [str(BIN), *args]
    subprocess.run(command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)  # noqa: S603 - ours


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presses", type=int, default=10)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--server", choices=("gunicorn", "runserver"), default="gunicorn")
    parser.add_argument("--gunicorn-workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-alarm-"))
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url or f"sqlite:///{workdir / 'alarm.sqlite3'}",
        "BENCHGUARD_VAR_DIR": str(workdir),
    }
    print("migrating and loading the demo …", file=sys.stderr)
    run(env, "migrate", "--no-input")
    run(env, "seed-demo")
    run(env, "shell", "-c", ADD_OFFICERS.format(n=OFFICERS, pw=PASSWORD))
    port = free_port()
    if args.server == "gunicorn":
        secrets = json.loads((workdir / "local-secrets.json").read_text(encoding="utf-8"))
        env.update(secrets)
        env.update({
            "BENCHGUARD_ENV": "production",
            "DEBUG": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Plain HTTP on the loopback: a client library sends no Secure cookie over it.
            "HTTPS_ONLY": "false",
            "BENCHGUARD_BASE_URL": "http://127.0.0.1",
            # Password sign-in only: the measure is the press → screen path, not sign-in
            # (bench/load.py signs in with TOTP).
            "BENCHGUARD_OTP_REQUIRED": "false",
        })  # fmt: skip
        run(env, "collectstatic", "--noinput", "--verbosity", "0")
        command = [str(BIN), "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(args.gunicorn_workers),
                   "--threads", str(args.threads)]  # fmt: skip
    else:
        command = [str(BIN), "runserver", "--noreload", f"127.0.0.1:{port}"]
    server = subprocess.Popen(  # noqa: S603 - our own command
        command,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/accounts/login/", timeout=1)  # noqa: S310 - local
                break
            except OSError:
                time.sleep(0.2)
        results = {"server": args.server, **measure(base, args.presses)}
    finally:
        server.terminate()
        server.wait(timeout=10)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            print(f"{key:>28}: {value}")


def measure(base: str, presses: int) -> dict[str, object]:
    officers = []
    for i in range(OFFICERS):
        client = Client(base)
        client.login(f"benchpolice{i}")
        officers.append(client)
    judge = Client(base)
    judge.login("judge")
    police = Client(base)
    police.login("police")

    seen: dict[tuple[int, int], float] = {}  # (officer, alarm) → first time seen
    feed_times: list[float] = []
    lock = threading.Lock()
    stop = threading.Event()

    def poll(index: int, client: Client) -> None:
        time.sleep(random.uniform(0, POLL_SECONDS))  # each page opened at its own moment
        while not stop.is_set():
            started = time.perf_counter()
            status, body = client.get("/alarm/board/feed/")
            now = time.perf_counter()
            assert status == 200, status
            with lock:
                feed_times.append(now - started)
                for pk in re.findall(r'data-alarm="(\d+)"', body):
                    seen.setdefault((index, int(pk)), now)
            stop.wait(max(0.0, POLL_SECONDS - (now - started)))

    threads = [threading.Thread(target=poll, args=(i, c), daemon=True) for i, c in enumerate(officers)]
    for thread in threads:
        thread.start()
    time.sleep(POLL_SECONDS * 1.5)
    latencies: list[float] = []
    for n in range(presses):
        _, page = judge.get("/alarm/")
        token = re.search(r'name="_once" value="([^"]+)"', page)
        assert token, "no once token on the alarm page"
        pressed = time.perf_counter()
        status, location = judge.post(
            "/alarm/press/",
            {"csrfmiddlewaretoken": judge.csrf(), "_once": token.group(1), "place": f"bench {n}"},
        )
        assert status == 302 and re.search(r"/alarm/(\d+)/", location), (status, location)
        pk = int(re.search(r"/alarm/(\d+)/", location).group(1))  # type: ignore[union-attr]
        deadline = time.perf_counter() + 15
        while time.perf_counter() < deadline:
            with lock:
                if all((i, pk) in seen for i in range(OFFICERS)):
                    break
            time.sleep(0.05)
        with lock:
            latencies += [seen[(i, pk)] - pressed for i in range(OFFICERS) if (i, pk) in seen]
            missed = sum((i, pk) not in seen for i in range(OFFICERS))
        assert not missed, f"{missed} officers never saw alarm {pk}"
        # Closed, so the next press is a new alarm (not the same one pressed again).
        police.post(f"/api/alarm/alarms/{pk}/close/", {}, headers={"X-CSRFToken": police.csrf()})
        time.sleep(random.uniform(0.2, 0.8))
    stop.set()
    for thread in threads:
        thread.join(timeout=5)
    latencies.sort()
    feed_times.sort()

    def pct(rows: list[float], p: float) -> float:
        return rows[min(len(rows) - 1, int(p * len(rows)))]

    return {
        "officers' screens open": OFFICERS,
        "poll interval (s)": POLL_SECONDS,
        "presses": presses,
        "press → screen median (s)": round(statistics.median(latencies), 3),
        "press → screen p95 (s)": round(pct(latencies, 0.95), 3),
        "press → screen max (s)": round(latencies[-1], 3),
        "target p95 (s)": TARGET_P95_SECONDS,
        "feed polls": len(feed_times),
        "feed response median (ms)": round(statistics.median(feed_times) * 1000, 1),
        "feed response p95 (ms)": round(pct(feed_times, 0.95) * 1000, 1),
    }


if __name__ == "__main__":
    main()
