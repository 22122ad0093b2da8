"""Helpers for the gate's tests: the intermediate court's gatehouse and checkpoint (the
demo's 东门传达室 and 审判楼安检口), and a visitor registered the way the guard
registers one (services.check_in), each with a document and a slot no one else holds."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from benchguard.gate import services
from benchguard.gate.models import Post, Visit
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Person

SHANGHAI = ZoneInfo("Asia/Shanghai")
GATEHOUSE = "东门传达室"
CHECKPOINT = "审判楼安检口"
VISITOR = "赵春燕"  # no one of that name (or pinyin) is on the controlled list

_numbers = itertools.count(1)
_slots = itertools.count(1)


def at(day: str, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A moment on `day` in the court's time zone, for time_machine."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=SHANGHAI)


def days_ahead(days: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """A moment `days` after today (call it before travelling): later than anything the
    demo made, and within its controlled-list entries' year."""
    return at((timezone.localdate() + dt.timedelta(days=days)).isoformat(), hour, minute)


def new_id_number() -> str:
    """A valid resident ID number used by no demo: births from 1991-01-01 on, sequences
    200 to 599 (the demo uses other births, and the sequences 112, 057, 031, 015)."""
    n = next(_numbers)
    birth = dt.date(1991, 1, 1) + dt.timedelta(days=n // 400)
    return demo_id_number(birth.strftime("%Y%m%d"), f"{200 + n % 400:03d}")


def with_wrong_check(number: str) -> str:
    """The same resident ID number with another check character: a mistyped number."""
    return number[:17] + ("1" if number[17] != "1" else "2")


def new_slot() -> str:
    """A slot no demo document is in (the demo uses A01 to A05)."""
    return f"T{next(_slots):02d}"


def desk_data(gatehouse: Post, **overrides: Any) -> dict[str, Any]:
    """What the guard types at the desk for 孟凡超 (the host by initials), fresh document
    and slot; any field can be overridden."""
    data: dict[str, Any] = {
        "post": gatehouse.pk,
        "document_number": new_id_number(),
        "visitor_name": "孟凡超",
        "document_kind": "resident_id",
        "host_query": "wlm",
        "purpose": "领取判决书",
        "slot": new_slot(),
        "phone": "",
    }
    data.update(overrides)
    return data


def api_data(gatehouse: Post, person_of: Callable[[str], Person], **overrides: Any) -> dict[str, Any]:
    """What the hardware posts to the API for the same visit (the host by id)."""
    data: dict[str, Any] = {
        "post": gatehouse.pk,
        "visitor_name": "孟凡超",
        "document_kind": "resident_id",
        "document_number": new_id_number(),
        "purpose": "领取判决书",
        "host": person_of("judge").pk,
        "slot": new_slot(),
    }
    data.update(overrides)
    return data


def refused_to(actor: Account, decide: Callable[..., Visit], visit: Visit, decision: str) -> None:
    """`actor`, not of the judicial police, is refused `decide` (a hold's or a check's
    decision, with a reason) on `visit`; `visit` is then read again as stored."""
    with pytest.raises(PermissionDenied):
        decide(actor=actor, visit=visit, decision=decision, reason="理由")
    visit.refresh_from_db()


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    """Uploaded files go to the test's own directory, not the project's var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def gatehouse(db: None) -> Post:
    """The intermediate court's gatehouse, where the guard registers visitors."""
    return Post.objects.select_related("court").get(court__division_code="370200", name=GATEHOUSE)


@pytest.fixture
def checkpoint_post(db: None) -> Post:
    """The intermediate court's security checkpoint."""
    return Post.objects.select_related("court").get(court__division_code="370200", name=CHECKPOINT)


@pytest.fixture
def visitor(
    gatehouse: Post, persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> Callable[..., Visit]:
    """Register a visitor for judge 王立明 as the guard, with a fresh document and slot;
    any argument of services.check_in can be overridden."""

    def make(**overrides: Any) -> Visit:
        fields: dict[str, Any] = {
            "actor": persona("guard"),
            "post": gatehouse,
            "visitor_name": VISITOR,
            "document_kind": "resident_id",
            "document_number": new_id_number(),
            "purpose": "递交上诉材料",
            "host": person_of("judge"),
            "slot": new_slot(),
        }
        fields.update(overrides)
        return services.check_in(**fields)

    return make
