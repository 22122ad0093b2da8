"""Scoped reads of the incident register (invisible → 404)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

from django.db.models import Model, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from benchguard.core.access import court_ids_with
from benchguard.incidents import permissions
from benchguard.incidents.models import (
    ActivationCall,
    ChainNotification,
    EmergencyPlan,
    Incident,
    PlanActivation,
    Reception,
    Reconsideration,
    Sanction,
    WarningTalk,
)

M = TypeVar("M", bound=Model)


def incidents_for(user: Any) -> QuerySet[Incident]:
    return Incident.objects.visible_to(user).select_related("court").prefetch_related("targets")


NUMBER = re.compile(r"^(?:#|No\.?\s*|第)?\s*(\d{1,9})\s*号?$", re.IGNORECASE)


def search_incidents(
    user: Any,
    *,
    text: str = "",
    kind: str = "",
    status: str = "",
    occurred_from: dt.date | None = None,
    occurred_to: dt.date | None = None,
    category: str = "",
    right: Any = None,
    place: str = "",
    court: int | None = None,
) -> QuerySet[Incident]:
    """The register as the user sees it, narrowed by what was searched (A8, A9, A13):
    `text` finds the incident's number (42, #42, 第42号), or words of its account,
    place, case number, the reporter's description of who did it and the names of the
    protected persons and the case judge; `kind`, `status` and the dates the incident
    happened (both days included, in the court's time zone); the protected persons'
    staff `category` (A2/A28), the exact `place` and the `court` (the leaders' overview,
    A30). The list page and the export use the same search."""
    incidents = incidents_for(user)
    text = text.strip()
    if text:
        words = Q()
        for word in text.split():
            through = Incident.targets.through.objects
            names = through.filter(person__name__icontains=word).values("incident_id")
            words &= (
                Q(description__icontains=word)
                | Q(place__icontains=word)
                | Q(case_number__icontains=word)
                | Q(perpetrator_description__icontains=word)
                | Q(case_judge__name__icontains=word)
                | Q(pk__in=names)
            )
        number = NUMBER.match(text)
        incidents = incidents.filter(words | Q(pk=int(number.group(1))) if number else words)
    if kind:
        incidents = incidents.filter(kind=kind)
    if status:
        incidents = incidents.filter(status=status)
    zone = timezone.get_current_timezone()
    if occurred_from:
        incidents = incidents.filter(occurred_at__gte=dt.datetime.combine(occurred_from, dt.time.min, zone))
    if occurred_to:
        after = occurred_to + dt.timedelta(days=1)
        incidents = incidents.filter(occurred_at__lt=dt.datetime.combine(after, dt.time.min, zone))
    if category:
        about = Incident.targets.through.objects.filter(person__category=category).values("incident_id")
        incidents = incidents.filter(pk__in=about)
    if right is not None:
        incidents = incidents.filter(right=right)
    if place:
        incidents = incidents.filter(place=place)
    if court:
        incidents = incidents.filter(court_id=court)
    return incidents


def get_incident_for(user: Any, pk: int) -> Incident:
    return get_object_or_404(
        Incident.objects.visible_to(user)
        .select_related(
            "court", "reported_by", "matter", "case_judge", "case__judge", "case__risk_level", "right"
        )
        .prefetch_related(
            "targets",
            "perpetrators",
            "attachments__uploaded_by",
            "measures__owner",
            Prefetch(
                "sanctions",
                queryset=Sanction.objects.select_related(
                    "decided_by", "approved_by", "reconsideration__higher_court"
                ),
            ),
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


def get_part_for(user: Any, model: type[M], pk: int) -> M:
    """A row that belongs to an incident the user sees (a measure, a
    sanction, a chain step, an attachment), with its incident; 404 otherwise."""
    return get_object_or_404(
        model._default_manager.select_related("incident"),
        pk=pk,
        incident__in=Incident.objects.visible_to(user),
    )


def get_sanction_for(user: Any, pk: int) -> Sanction:
    """A sanction of an incident the user sees (404 otherwise), with what its written
    decision prints."""
    return get_object_or_404(
        Sanction.objects.select_related(
            "incident__court__parent", "approved_by", "decided_by", "reconsideration__higher_court"
        ),
        pk=pk,
        incident__in=Incident.objects.visible_to(user),
    )


def get_reconsideration_for(user: Any, pk: int) -> Reconsideration:
    return get_object_or_404(
        Reconsideration.objects.select_related("sanction__incident"),
        pk=pk,
        sanction__incident__in=Incident.objects.visible_to(user),
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


def get_call_for(user: Any, pk: int) -> ActivationCall:
    """A person called by a plan's activation, of a plan the user reads (404 otherwise)."""
    return get_object_or_404(
        ActivationCall.objects.select_related("activation__plan"),
        pk=pk,
        activation__plan__in=plans_for(user),
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
