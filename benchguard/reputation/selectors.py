"""Scoped reads of the reputation area (A5, A17), with what each page shows."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.shortcuts import get_object_or_404

from benchguard.reputation.models import Clarification, Liability, OpinionEvent


def events_for(user: Any, *, status: str = "", kind: str = "") -> QuerySet[OpinionEvent]:
    rows = OpinionEvent.objects.visible_to(user).select_related("court", "judge", "right")
    if status:
        rows = rows.filter(status=status)
    if kind:
        rows = rows.filter(kind=kind)
    return rows


def get_event_for(user: Any, pk: int) -> OpinionEvent:
    return get_object_or_404(
        OpinionEvent.objects.visible_to(user).select_related(
            "court", "judge", "case", "right", "registered_by"
        ),
        pk=pk,
    )


def clarifications_of(user: Any, event: OpinionEvent) -> QuerySet[Clarification]:
    return (
        Clarification.objects.visible_to(user)
        .filter(event=event)
        .select_related("drafted_by", "approved_by", "published_by")
    )


def get_clarification_for(user: Any, pk: int) -> Clarification:
    return get_object_or_404(
        Clarification.objects.visible_to(user).select_related("event", "event__judge"), pk=pk
    )


def liabilities_of(user: Any, parent: Model) -> QuerySet[Liability]:
    field = {"opinionevent": "event", "matter": "matter", "incident": "incident"}[
        parent._meta.model_name or ""
    ]
    return Liability.objects.visible_to(user).filter(**{field: parent}).select_related("recorded_by")


def get_liability_for(user: Any, pk: int) -> Liability:
    return get_object_or_404(Liability.objects.visible_to(user), pk=pk)


def counts_by_right(user: Any) -> list[dict[str, Any]]:
    """Events per category of rights (A3), for the list page's heading."""
    from django.db.models import Count

    return list(
        OpinionEvent.objects.visible_to(user)
        .values("right__label", "right__label_en")
        .annotate(count=Count("id"))
        .order_by("right__sort_order")
    )
