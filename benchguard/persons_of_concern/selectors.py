"""Scoped reads of persons of concern (city-wide for readers, nothing for anyone else)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from benchguard.persons_of_concern.models import (
    ControlledListEntry,
    DepartmentLog,
    EntryCitation,
    EntryCorrection,
    EntryObjection,
    PersonName,
    PersonOfConcern,
)


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
