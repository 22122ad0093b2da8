"""The load mix of `bench/load.py` (issue 16, part 6): a court's morning, as locust users.

Run by `bench/load.py`, which seeds the city, writes the accounts and the rows to pick
from into the JSON file named by `BENCHGUARD_LOAD_PLAN`, starts the app servers and
points locust at them (127.0.0.1 only). Every user signs in through the real login
form; every POST carries its CSRF and once tokens as a browser's would. Each request
is named by its type, so the report gives p50/p95/p99 per type:

- gatehouse guards check visitors in at the morning peak (the desk's form, then its
  POST: the screening against the controlled list runs on each);
- the committee office reads its inbox and opens matters;
- judges open their home page, search the directory and now and then report a threat;
- judicial police read the incident register and open incidents.

A response that is not what a person would get (a form shown again with errors, a 403,
a 500) is a failure: the run must end with none.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import random
import re
from typing import Any

import gevent
from django_otp.oath import TOTP  # pure Python: RFC 6238, as the authenticator app
from locust import HttpUser, between, events, task

PLAN: dict[str, Any] = json.loads(open(os.environ["BENCHGUARD_LOAD_PLAN"], encoding="utf-8").read())  # noqa: SIM115
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ONCE = re.compile(r'name="_once" value="([^"]+)"')
FIELD_ERROR = re.compile(r'data-field-error="([^"]+)"')
_visitor_numbers = itertools.count(1)
_accounts = {role: itertools.count() for role in PLAN["accounts"]}
SECOND_STEP = "/accounts/two-factor/verify/"


def _check_character(first17: str) -> str:
    """GB 11643's check character (as benchguard.core.identity computes it)."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return "10X98765432"[total % 11]


class CourtUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    role = ""

    def on_start(self) -> None:
        if os.environ.get("BENCHGUARD_LOAD_NEW_CONNECTIONS") == "1":
            # Behind the balancer every request takes a new connection, so one user's
            # requests go to every app server in turn.
            self.client.headers["Connection"] = "close"
        account = PLAN["accounts"][self.role][next(_accounts[self.role])]
        page = self.page("/accounts/login/", "sign in (form)")
        token = CSRF.search(page.text)
        assert token, f"the login page has no CSRF token: {page.status_code} {page.url} {page.text[:300]!r}"
        with self.client.post(
            "/accounts/login/",
            {"username": account, "password": PLAN["password"], "csrfmiddlewaretoken": token.group(1)},
            name="sign in",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in of {account} answered {response.status_code}")
                return
        # Production asks the second factor of whoever reads the controlled list or private
        # details: the first page after the password says whether this account is one.
        first = self.client.get("/", name="sign in: first page", allow_redirects=False)
        if first.status_code == 302 and SECOND_STEP in first.headers.get("Location", ""):
            # The second factor: the code of this account's authenticator, as the phone shows it.
            tokens = self.form_tokens(SECOND_STEP, "sign in: second factor (form)")
            code = TOTP(bytes.fromhex(PLAN["totp_keys"][account])).token()
            self.post_form(SECOND_STEP, {**tokens, "code": f"{code:06d}"}, "sign in: second factor")

    def page(self, url: str, name: str) -> Any:
        """A GET that must answer the page itself (a redirect to sign-in or to the second
        step would be a failure, not a fast page)."""
        with self.client.get(url, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{name}: {response.status_code} → {response.headers.get('Location', '')}")
            return response

    def form_tokens(self, url: str, name: str) -> dict[str, str]:
        page = self.page(url, name)
        csrf, once = CSRF.search(page.text), ONCE.search(page.text)
        if not (csrf and once):
            return {}
        return {"csrfmiddlewaretoken": csrf.group(1), "_once": once.group(1)}

    def post_form(self, url: str, data: dict[str, Any], name: str) -> None:
        """A form POST that must end in a redirect (the record made); anything else fails."""
        with self.client.post(url, data, name=name, allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and (SECOND_STEP in location or "/accounts/login/" in location):
                response.failure(f"{name}: sent back to sign in ({location})")
            elif response.status_code != 302:
                fields = sorted(set(FIELD_ERROR.findall(response.text)))
                response.failure(
                    f"{name}: {response.status_code}, fields refused: {fields or response.text[:200]!r}"
                )


class GateGuard(CourtUser):
    """Checks visitors in, one after another, at the morning peak."""

    weight = 4
    role = "guard"
    wait_time = between(0.5, 2)

    @task
    def check_in(self) -> None:
        tokens = self.form_tokens("/gate/", "gate desk (form)")
        if not tokens:
            return
        # Each check-in deposits another document in another slot (a held document or a
        # slot in use is refused, as at the desk): n names both, distinct in this run.
        n = next(_visitor_numbers)
        seq, day, month, year = n % 1000, n // 1000 % 28, n // 28_000 % 12, n // 336_000 % 40
        first17 = f"370212{1960 + year}{1 + month:02d}{1 + day:02d}{seq:03d}"
        listed = PLAN["listed_names"]
        name = random.choice(listed) if listed and n % 20 == 0 else random.choice(PLAN["visitor_names"])
        data = {
            **tokens,
            "post": PLAN["gate_post"],
            "document_kind": "resident_id",
            "document_number": first17 + _check_character(first17),
            "visitor_name": name,
            "host_query": random.choice(PLAN["host_numbers"]),
            "purpose": "递交材料",
            "slot": f"L{n}",
            "phone": "",
        }
        self.post_form("/gate/", data, "gate check-in")


class Office(CourtUser):
    """The committee office: its inbox, then a matter."""

    weight = 1
    role = "office"

    @task(2)
    def inbox(self) -> None:
        self.page("/matters/", "matters inbox")

    @task(3)
    def matter(self) -> None:
        self.page(f"/matters/{random.choice(PLAN['matters'])}/", "matter page")


class Judge(CourtUser):
    """A judge: the home page, the directory, now and then a threat reported."""

    weight = 3
    role = "judge"

    @task(3)
    def home(self) -> None:
        self.page("/", "home")

    @task(3)
    def directory(self) -> None:
        self.page(f"/directory/people/?q={random.choice(PLAN['surnames'])}", "directory search")

    @task(1)
    def report_threat(self) -> None:
        tokens = self.form_tokens("/incidents/new/threat/", "incident report (form)")
        if not tokens:
            return
        when = dt.datetime.now() - dt.timedelta(hours=random.randint(1, 48))
        data = {
            **tokens,
            "court": PLAN["court"],
            "nature": "intimidation",
            "right": "",
            "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
            "place": "法院门口",
            "description": "负载测试：当事人在法院门口拦截法官，言语威胁。",
            "targets": [random.choice(PLAN["court_people"])],
        }
        self.post_form("/incidents/new/threat/", data, "incident report")


class Police(CourtUser):
    """Judicial police: the incident register and its pages."""

    weight = 1
    role = "police"

    @task(2)
    def register(self) -> None:
        self.page("/incidents/", "incident register")

    @task(3)
    def incident(self) -> None:
        self.page(f"/incidents/{random.choice(PLAN['incidents'])}/", "incident page")


MAX_REQUESTS = int(os.environ.get("BENCHGUARD_LOAD_MAX_REQUESTS", "50000"))
_requests = itertools.count(1)


@events.request.add_listener
def _bounded(**kwargs: Any) -> None:
    """The run is bounded in requests as well as in time."""
    if next(_requests) == MAX_REQUESTS:
        gevent.spawn(_environment["runner"].quit)  # not from inside the request's greenlet


_environment: dict[str, Any] = {}


@events.init.add_listener
def _keep(environment: Any, **_kwargs: Any) -> None:
    _environment["runner"] = environment.runner


@events.quitting.add_listener
def _fail_on_errors(environment: Any, **_kwargs: Any) -> None:
    if environment.stats.total.num_failures:
        environment.process_exit_code = 1
