"""Helpers for the matters tests: a judge's application, made the way a judge makes it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import pytest

from benchguard.matters import services
from benchguard.matters.choices import Channel, DecisionBasis, Subject
from benchguard.matters.models import Matter
from benchguard.organization.models import Account

SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: str, hour: int = 10) -> dt.datetime:
    """A moment on `day` in the court's time zone, for time_machine."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=SHANGHAI)


@pytest.fixture
def application(persona: Callable[[str], Account]) -> Callable[..., Matter]:
    def make(username: str = "judge", **overrides: object) -> Matter:
        fields: dict[str, object] = {
            "subject": Subject.THREAT,
            "facts": "宣判后当事人多次电话威胁。",
            "infringer": "当事人某某",
            "request": "请求协调公安机关处理。",
            "reported_to_department_on": dt.date(2026, 1, 5),
            "department_response": "庭里已批评教育，但仍有骚扰。",
        }
        fields.update(overrides)
        return services.submit_application(actor=persona(username), **fields)  # type: ignore[arg-type]

    return make


@pytest.fixture
def chair(db: None) -> Account:
    """The intermediate court's committee chair, who decides (the persona "chair")."""
    return Account.objects.get(username="chair")


@pytest.fixture
def accepted_matter(application: Callable[..., Matter], persona: Callable[[str], Account]) -> Matter:
    """The judge's application, accepted by the office today (A26.2)."""
    return services.accept_matter(actor=persona("office"), matter=application("judge"))


@pytest.fixture
def told(persona: Callable[[str], Account]) -> Callable[..., Matter]:
    """The chair decides an accepted matter and the office tells the judge by `channel`
    (A26.4): the matter as it then stands, awaiting the judge's answer."""

    def make(matter: Matter, *, findings: str, handling_opinion: str, channel: Channel) -> Matter:
        matter = services.decide_matter(
            actor=persona("chair"),
            matter=matter,
            basis=DecisionBasis.CHAIR,
            findings=findings,
            handling_opinion=handling_opinion,
        )
        return services.record_feedback(actor=persona("office"), matter=matter, channel=channel)

    return make


def application_data(**overrides: object) -> dict[str, object]:
    """What a judge types in the online application (A26.1); any field can be overridden."""
    data: dict[str, object] = {
        "subject": Subject.THREAT,
        "facts": "当事人在庭外拦截。",
        "infringer": "当事人",
        "request": "请求协调。",
        "reported_to_department_on": "2026-11-01",
        "department_response": "庭里已处理但未解决。",
    }
    data.update(overrides)
    return data
