"""Scoped reads of cases (A14), with what each page shows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from benchguard.cases.models import Case, CaseImport, Party
from benchguard.cases.permissions import keeper_court_ids, reader_court_ids
from benchguard.organization.choices import DepartmentType, PersonCategory
from benchguard.organization.models import Court, Department, Person
from benchguard.organization.selectors import people_in_court

DIVISION_TYPES = (DepartmentType.TRIAL, DepartmentType.ENFORCEMENT)


def cases_for(user: Any, *, query: str = "", court: Court | None = None, stage: str = "") -> QuerySet[Case]:
    """The cases the user reads, newest filed first, with their court, division and
    judge; `query` finds a number (any part of it) or a party's name."""
    cases = Case.objects.visible_to(user).select_related("court", "division", "judge")
    if court is not None:
        cases = cases.filter(court=court)
    if stage:
        cases = cases.filter(stage=stage)
    query = "".join(query.split())
    if query:
        cases = cases.filter(
            Q(number__contains=query.replace("(", "（").replace(")", "）"))
            # A party's name is looked for among each case's own parties (their
            # (case, name) index), not in every party of the city first.
            | Exists(Party.objects.filter(case_id=OuterRef("pk"), name__contains=query))
        )
    return cases.order_by("-filed_on", "-id")


def get_case_for(user: Any, pk: int) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(user)
        .select_related("court", "division", "judge", "registered_by")
        .prefetch_related(
            Prefetch("panel", queryset=Person.objects.order_by("name_pinyin", "id")),
            Prefetch("parties", queryset=Party.objects.order_by("id")),
        ),
        pk=pk,
    )


def divisions_of(court_ids: Iterable[int]) -> QuerySet[Department]:
    """The divisions a case of these courts can be tried or enforced in."""
    return Department.objects.filter(
        court_id__in=list(court_ids), is_active=True, type__in=DIVISION_TYPES
    ).order_by("court_id", "name", "id")


def judges_of(court_ids: Iterable[int]) -> QuerySet[Person]:
    """The quota judges in post at these courts, who may try a case (A14)."""
    return people_in_court(court_ids).filter(category=PersonCategory.QUOTA_JUDGE)


def get_import_for(user: Any, pk: int) -> CaseImport:
    """An import of cases of a court whose cases the user reads (404 otherwise); only its
    filing clerks may open it (permissions.can_import)."""
    return get_object_or_404(
        CaseImport.objects.filter(court_id__in=reader_court_ids(user)).select_related("court", "uploaded_by"),
        pk=pk,
    )


def recent_imports_for(user: Any, limit: int = 10) -> QuerySet[CaseImport]:
    """The latest imports of the courts whose cases the user files."""
    return (
        CaseImport.objects.filter(court_id__in=keeper_court_ids(user))
        .select_related("court", "uploaded_by")
        .order_by("-created_at", "-id")[:limit]
    )
