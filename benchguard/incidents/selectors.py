"""Scoped reads of the incident register and of after-hours protection (invisible → 404)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from benchguard.core.access import court_ids_with
from benchguard.incidents import permissions
from benchguard.incidents.models import (
    ActivationCall,
    ChainNotification,
    EmergencyPlan,
    Incident,
    PlanActivation,
    ProtectionLogEntry,
    ProtectionRequest,
    Reception,
    Sanction,
    WarningTalk,
)
from benchguard.organization.models import Person


def incidents_for(user: Any) -> QuerySet[Incident]:
    return Incident.objects.visible_to(user).select_related("court").prefetch_related("targets")


def get_incident_for(user: Any, pk: int) -> Incident:
    return get_object_or_404(
        Incident.objects.visible_to(user)
        .select_related("court", "reported_by", "matter")
        .prefetch_related(
            "targets",
            "perpetrators",
            "attachments__uploaded_by",
            "measures__owner",
            "police_requests__sent_by",
            Prefetch("sanctions", queryset=Sanction.objects.select_related("decided_by", "approved_by")),
            Prefetch("chain", queryset=ChainNotification.objects.select_related("notified_by", "notified")),
            Prefetch("receptions", queryset=Reception.objects.prefetch_related("participants", "police")),
            Prefetch(
                "activations",
                queryset=PlanActivation.objects.select_related("plan").prefetch_related("calls__person"),
            ),
            Prefetch("warning_talks", queryset=WarningTalk.objects.select_related("person")),
        ),
        pk=pk,
    )


def plans_for(user: Any) -> QuerySet[EmergencyPlan]:
    ids = court_ids_with(user, permissions.PLAN_READER_ROLES)
    return EmergencyPlan.objects.filter(court_id__in=ids).select_related("court", "uploaded_by")


def get_plan_for(user: Any, pk: int) -> EmergencyPlan:
    return get_object_or_404(
        plans_for(user).prefetch_related(
            Prefetch(
                "activations",
                queryset=PlanActivation.objects.select_related("activated_by", "incident").prefetch_related(
                    Prefetch("calls", queryset=ActivationCall.objects.select_related("person"))
                ),
            )
        ),
        pk=pk,
    )


def talks_for(user: Any) -> QuerySet[WarningTalk]:
    from benchguard.persons_of_concern import permissions as poc_permissions

    if not poc_permissions.can_read(user):
        return WarningTalk.objects.none()
    ids = court_ids_with(user, permissions.COURT_WIDE_ROLES)
    return WarningTalk.objects.filter(court_id__in=ids).select_related(
        "court", "person", "incident", "recorded_by"
    )


def get_talk_for(user: Any, pk: int) -> WarningTalk:
    return get_object_or_404(talks_for(user), pk=pk)


# --- After-hours protection (A12.3) ------------------------------------------------------------


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
