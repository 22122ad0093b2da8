"""Shared vocabulary of the permission matrix (house style 16).

Each domain area declares who may open its URLs in `benchguard/<area>/tests/url_permissions.py`
as `EXPECTED: dict[url_name, Expect]`; `tests/test_permission_matrix.py` collects them and
fails for any URL that nobody declared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from benchguard.organization.demo import PERSONA_USERNAMES
from benchguard.organization.models import Court, Department, Person

ANON = "anonymous"
PERSONAS = [ANON, *PERSONA_USERNAMES]  # everyone who can sign in, and an anonymous visitor
INTERMEDIATE_STAFF = {p for p in PERSONAS if p not in {ANON, "judge2", "outsider", "cityadmin"}}
SIGNED_IN = set(PERSONAS) - {ANON}
LOGIN = 302  # a redirect to the login page


@dataclass
class Expect:
    """Expected status per persona; `default` for everyone not named."""

    default: int
    per: dict[str, int] = field(default_factory=dict)
    kwargs: Callable[[], dict[str, Any]] = dict

    def status_for(self, persona: str) -> int:
        return self.per.get(persona, self.default)


def each(names: set[str], status: int) -> dict[str, int]:
    return dict.fromkeys(names, status)


def judge_person() -> dict[str, Any]:
    return {"pk": Person.objects.get(account__username="judge").pk}


def intermediate() -> dict[str, Any]:
    return {"pk": Court.objects.get(division_code="370200").pk}


def civil_division() -> dict[str, Any]:
    return {"pk": Department.objects.get(court__division_code="370200", name="民事审判第一庭").pk}


def in_court(kwargs: Callable[[], dict[str, Any]]) -> Expect:
    """A record of the intermediate court: its staff and the city admin see it."""
    return Expect(404, {ANON: LOGIN, **each(INTERMEDIATE_STAFF, 200), "cityadmin": 200}, kwargs)
