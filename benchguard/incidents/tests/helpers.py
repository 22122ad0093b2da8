"""Small helpers the incident register's tests share (fixtures live in conftest.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from benchguard.incidents import services
from benchguard.incidents.choices import MeasureKind, SubjectKind
from benchguard.incidents.models import Incident, ProtectiveMeasure
from benchguard.organization.models import Person

# Whom a sanction falls on, short for the tables of cases.
INDIVIDUAL, ORGANIZATION = SubjectKind.INDIVIDUAL, SubjectKind.ORGANIZATION


def field_codes(exc: ValidationError, field: str) -> list[str | None]:
    """The codes of the refusal's messages on `field`."""
    return [error.code for error in exc.error_dict.get(field, [])]


def add_measure(
    incident: Incident,
    owner: Person,
    *,
    actor: Any,
    days: int = 7,
    kind: str = MeasureKind.ESCORT,
    description: str = "上下班护送。",
) -> ProtectiveMeasure:
    """A protective measure on `incident` (an escort unless `kind` says otherwise) that
    `owner` carries out within `days` days, added by `actor` through the service."""
    return services.add_measure(
        actor=actor,
        incident=incident,
        kind=kind,
        description=description,
        owner=owner,
        due_date=timezone.localdate() + dt.timedelta(days=days),
    )


def move_measure(
    measure: ProtectiveMeasure, status: str, *, actor: Any, result: str = ""
) -> ProtectiveMeasure:
    """The measure moved on to `status` by `actor` (the service), from the version it holds."""
    return services.update_measure(
        actor=actor, measure=measure, expected_version=measure.version, status=status, result=result
    )
