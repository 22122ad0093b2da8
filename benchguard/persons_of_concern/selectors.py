"""Scoped reads of persons of concern (city-wide for readers, nothing for anyone else)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, cast

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benchguard.organization.choices import Role
from benchguard.organization.models import Person, RoleAssignment
from benchguard.persons_of_concern.models import (
    ControlledListEntry,
    DepartmentLog,
    EntryCitation,
    EntryCorrection,
    EntryObjection,
    PersonName,
    PersonOfConcern,
)
from benchguard.persons_of_concern.querysets import ControlledListEntryQuerySet


def persons_for(user: Any) -> QuerySet[PersonOfConcern]:
    return PersonOfConcern.objects.visible_to(user).select_related("court")


def get_person_for(user: Any, pk: int) -> PersonOfConcern:
    return get_object_or_404(
        persons_for(user).prefetch_related(
            Prefetch("names", queryset=PersonName.objects.order_by("kind", "id")),
            "documents",
            "phones",
            Prefetch(
                "entries", queryset=ControlledListEntry.objects.select_related("proposed_by", "approved_by")
            ),
        ),
        pk=pk,
    )


def entries_for(user: Any) -> QuerySet[ControlledListEntry]:
    return ControlledListEntry.objects.visible_to(user).select_related(
        "person", "court", "proposed_by", "approved_by", "removed_by"
    )


def filter_entries(
    entries: QuerySet[ControlledListEntry],
    *,
    level: str = "",
    active: bool = False,
    court: int | None = None,
    today: dt.date | None = None,
) -> QuerySet[ControlledListEntry]:
    """The list narrowed to a level, to the entries active `today`, to a proposing court."""
    if level:
        entries = entries.filter(level=level)
    if active:
        entries = cast(ControlledListEntryQuerySet, entries).active_on(today or timezone.localdate())
    if court:
        entries = entries.filter(court_id=court)
    return entries


def get_entry_for(user: Any, pk: int) -> ControlledListEntry:
    return get_object_or_404(
        entries_for(user).prefetch_related(
            Prefetch(
                "citations",
                queryset=EntryCitation.objects.select_related(
                    "incident__court", "log__court", "log__department"
                ).order_by("pk"),
            ),
            Prefetch("corrections", queryset=EntryCorrection.objects.select_related("corrected_by")),
            Prefetch(
                "objections", queryset=EntryObjection.objects.select_related("recorded_by", "decided_by")
            ),
        ),
        pk=pk,
    )


def get_objection_for(user: Any, pk: int) -> EntryObjection:
    """An objection, seen by whoever sees its entry."""
    return get_object_or_404(
        EntryObjection.objects.filter(entry__in=ControlledListEntry.objects.visible_to(user)).select_related(
            "entry__person", "entry__court", "recorded_by"
        ),
        pk=pk,
    )


def logs_for(user: Any) -> QuerySet[DepartmentLog]:
    return DepartmentLog.objects.visible_to(user).select_related(
        "court", "department", "person", "recorded_by"
    )


def office_contacts(court_ids: Iterable[int]) -> dict[int, list[Person]]:
    """Whom to call about a list entry (A15): the people in post behind the active
    committee-office accounts of each court, one row per person, by name (one query)."""
    posts = (
        RoleAssignment.objects.filter(
            role=Role.COMMITTEE_OFFICE,
            court_id__in=list(court_ids),
            account__is_active=True,
            account__person__is_active=True,
        )
        .select_related("account__person")
        .order_by("account__person__name", "pk")
    )
    by_court: dict[int, list[Person]] = {}
    for post in posts:
        contacts = by_court.setdefault(post.court_id, [])
        if post.account.person not in contacts:
            contacts.append(post.account.person)
    return by_court
