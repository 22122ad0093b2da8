"""Reads of the directory, each scoped to the user and with the joins its page shows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from benchguard.core.models import AuditEntry
from benchguard.organization.models import Account, Court, Department, Person


def courts_for(user: Any) -> QuerySet[Court]:
    return Court.objects.visible_to(user).annotate(
        department_count=Count("departments", distinct=True),
        person_count=Count("people", distinct=True),
    )


def get_court_for(user: Any, pk: int) -> Court:
    return get_object_or_404(Court.objects.visible_to(user), pk=pk)


def departments_of(court: Court) -> QuerySet[Department]:
    return court.departments.annotate(person_count=Count("people")).order_by("type", "name")


def get_department_for(user: Any, pk: int) -> Department:
    return get_object_or_404(Department.objects.visible_to(user).select_related("court"), pk=pk)


def people_for(
    user: Any,
    *,
    q: str = "",
    court: Court | None = None,
    department: Department | None = None,
    category: str = "",
) -> QuerySet[Person]:
    people = Person.objects.visible_to(user).select_related("court", "department")
    if q:
        term = q.strip()
        people = people.filter(
            Q(name__icontains=term)
            | Q(name_pinyin__startswith=term.lower().replace(" ", ""))
            | Q(name_initials__startswith=term.lower())
            | Q(position__icontains=term)
            | Q(department__name__icontains=term)
        )
    if court is not None:
        people = people.filter(court=court)
    if department is not None:
        people = people.filter(department=department)
    if category:
        people = people.filter(category=category)
    return people.order_by("court__sort_order", "name_pinyin", "id")


def people_in_court(court: Court | int | Iterable[int]) -> QuerySet[Person]:
    """The working people of a court (or of several courts, given their ids), in the
    order pickers list them: by pinyin, so 张 and 章 stand where a user looks for them."""
    if isinstance(court, Court | int):
        scope = Q(court_id=court.pk if isinstance(court, Court) else court)
    else:
        scope = Q(court_id__in=list(court))
    return Person.objects.filter(scope, is_active=True).order_by("name_pinyin", "id")


def get_person_for(user: Any, pk: int) -> Person:
    return get_object_or_404(
        Person.objects.visible_to(user).select_related("court", "department", "account"), pk=pk
    )


def private_access_log(person: Person, *, limit: int = 20) -> QuerySet[AuditEntry]:
    """Who opened this person's private details (A18) — shown to the person themself."""
    return AuditEntry.objects.filter(
        object_type=Person._meta.label_lower, object_id=str(person.pk), kind="access"
    ).order_by("-id")[:limit]


def accounts_with_roles(court_id: int, *roles: str) -> QuerySet[Account]:
    """Active accounts holding any of `roles` in the court (whom to notify, whom to offer)."""
    return Account.objects.filter(
        is_active=True, role_assignments__court_id=court_id, role_assignments__role__in=roles
    ).distinct()
