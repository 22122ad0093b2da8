"""Scoped reads of after-hours protection (invisible → 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from benchguard.after_hours import permissions
from benchguard.after_hours.choices import ProtectionStatus
from benchguard.after_hours.models import ProtectionLogEntry, ProtectionRequest
from benchguard.core.access import court_ids_with
from benchguard.organization.choices import Role
from benchguard.organization.models import Person


def protections_for(user: Any) -> QuerySet[ProtectionRequest]:
    return ProtectionRequest.objects.visible_to(user).select_related("court", "judge", "requested_by")


def get_protection_for(user: Any, pk: int) -> ProtectionRequest:
    return get_object_or_404(
        ProtectionRequest.objects.visible_to(user)
        .select_related("court", "judge__department", "requested_by", "decided_by", "incident")
        .prefetch_related(
            "officers",
            Prefetch("log", queryset=ProtectionLogEntry.objects.select_related("by")),
        ),
        pk=pk,
    )


def protection_candidates(user: Any) -> QuerySet[Person]:
    """The people the user may request protection for: themselves, the people of the
    departments they are division chief of, everyone of a court where they are the
    committee office (permissions.can_request_protection)."""
    if user is None or not user.is_authenticated:
        return Person.objects.none()
    chief_departments, office_courts = permissions.protection_scope(user)
    return (
        Person.objects.filter(is_active=True)
        .filter(Q(account=user) | Q(department_id__in=chief_departments) | Q(court_id__in=office_courts))
        .select_related("department")
    )


def protections_to_decide(user: Any) -> list[ProtectionRequest]:
    """Requests waiting for the decision of the judicial police the user is (home panel)."""
    police_courts = court_ids_with(user, {Role.JUDICIAL_POLICE})
    if not police_courts:
        return []
    return list(
        ProtectionRequest.objects.filter(status=ProtectionStatus.REQUESTED, court_id__in=police_courts)
        .select_related("judge")
        .order_by("starts_at", "pk")[:10]
    )


def protections_on_duty(user: Any) -> list[ProtectionRequest]:
    """Approved protections the user is assigned to as an officer (home panel)."""
    assigned = ProtectionRequest.officers.through.objects.filter(person__account=user).values(
        "protectionrequest_id"
    )
    return list(
        ProtectionRequest.objects.filter(status=ProtectionStatus.APPROVED, pk__in=assigned)
        .select_related("judge")
        .order_by("starts_at", "pk")[:10]
    )
