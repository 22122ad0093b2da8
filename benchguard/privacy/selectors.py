"""Scoped reads of the privacy area (A18), with what each page shows."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from benchguard.core.access import court_ids_with
from benchguard.privacy.models import ExposureCase, TakedownNotice
from benchguard.privacy.permissions import KEEPERS


def cases_for(user: Any, *, kind: str = "", status: str = "") -> QuerySet[ExposureCase]:
    rows = ExposureCase.objects.visible_to(user).select_related("court", "person")
    if kind:
        rows = rows.filter(kind=kind)
    if status:
        rows = rows.filter(status=status)
    return rows


def get_case_for(user: Any, pk: int) -> ExposureCase:
    return get_object_or_404(
        ExposureCase.objects.visible_to(user).select_related(
            "court", "person", "case", "right", "registered_by"
        ),
        pk=pk,
    )


def get_notice_for(user: Any, pk: int) -> TakedownNotice:
    return get_object_or_404(
        TakedownNotice.objects.visible_to(user).select_related(
            "exposure", "exposure__court", "exposure__person"
        ),
        pk=pk,
    )


def notices_of(case: ExposureCase) -> QuerySet[TakedownNotice]:
    return case.notices.prefetch_related("transitions__by").order_by("id")


def overdue_notices_for(user: Any, limit: int = 10) -> tuple[list[TakedownNotice], int]:
    """Notices past the court's internal follow-up target, for the office's panel."""
    rows = (
        TakedownNotice.objects.overdue()
        .filter(exposure__court_id__in=court_ids_with(user, KEEPERS))
        .select_related("exposure", "exposure__person")
        .order_by("follow_up_due", "id")
    )
    return list(rows[:limit]), rows.count()


def notices_for(user: Any) -> QuerySet[TakedownNotice]:
    return TakedownNotice.objects.visible_to(user).prefetch_related("transitions__by").order_by("-id")
