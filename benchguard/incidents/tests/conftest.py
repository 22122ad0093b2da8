"""Helpers for the incident register's tests: an incident of each kind reported the way
the court reports it (through services.report_incident), the two courts, and small
documents to upload."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from benchguard.incidents import services
from benchguard.incidents.choices import IncidentKind, Nature, Procedure
from benchguard.incidents.models import Incident, Sanction
from benchguard.organization.models import Account, Court, Person

PDF_BYTES = b"%PDF-1.4\n% BenchGuard test document\n%%EOF\n"


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> None:
    """Uploaded files go to the test's own directory, not the project's var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def base_court(db: None) -> Court:
    """The Shinan base court (370202), judge2's court."""
    return Court.objects.get(division_code="370202")


@pytest.fixture
def colleague(court: Court) -> Person:
    """韩磊: a judicial police officer of the intermediate court without an account."""
    return Person.objects.select_related("department").get(court=court, name="韩磊")


def valid_facts(kind: str, judge: Person) -> dict[str, Any]:
    """The smallest set of facts each kind of incident is accepted with."""
    facts: dict[str, dict[str, Any]] = {
        IncidentKind.THREAT: {"nature": Nature.INTIMIDATION, "targets": [judge]},
        IncidentKind.CRIME: {"nature": Nature.WEAPONS},
        IncidentKind.DISTURBANCE: {"nature": Nature.SIT_IN, "people_count": 3},
        IncidentKind.COURTROOM: {
            "nature": Nature.COURTROOM_DISORDER,
            "case_number": "（2026）鲁02民初501号",
            "procedure": Procedure.CIVIL,
            "targets": [judge],
        },
        IncidentKind.GROUP_PETITION: {"nature": Nature.GROUP_PETITION, "people_count": 20},
    }
    return dict(facts[kind])


@pytest.fixture
def report(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], court: Court
) -> Callable[..., Incident]:
    """report(kind, actor="police", **overrides): a valid incident of the kind, reported
    at the intermediate court an hour ago (overrides replace any fact, e.g. court=...)."""

    def make(kind: str, actor: str | Account = "police", **overrides: Any) -> Incident:
        account = persona(actor) if isinstance(actor, str) else actor
        fields: dict[str, Any] = {
            "court": court,
            "kind": kind,
            "occurred_at": timezone.now() - dt.timedelta(hours=1),
            "place": "审判楼一楼大厅",
            "description": "测试用事件经过。",
            **valid_facts(kind, person_of("judge")),
        }
        fields.update(overrides)
        return services.report_incident(actor=account, **fields)

    return make


@pytest.fixture
def impose(persona: Callable[[str], Account]) -> Callable[..., Sanction]:
    """impose(incident, measure, subject_name="赵某", actor="judge", **facts): a courtroom
    sanction recorded through the service, by the presiding judge unless `actor` says
    otherwise, for disturbing the courtroom unless `reason` says otherwise."""

    def make(
        incident: Incident,
        measure: str,
        *,
        subject_name: str = "赵某",
        actor: str = "judge",
        reason: str = "违反法庭规则，扰乱法庭秩序。",
        **facts: Any,
    ) -> Sanction:
        return services.impose_sanction(
            actor=persona(actor),
            incident=incident,
            measure=measure,
            subject_name=subject_name,
            reason=reason,
            **facts,
        )

    return make


@pytest.fixture
def pdf() -> Callable[..., SimpleUploadedFile]:
    """pdf(name="记录.pdf", content=PDF_BYTES): a small PDF upload."""

    def make(name: str = "记录.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
        return SimpleUploadedFile(name, content, content_type="application/pdf")

    return make
