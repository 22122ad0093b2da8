"""Scoped reads of the liaison directory and its requests (A19), with what each page shows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from benchguard.cases.models import Case
from benchguard.incidents.choices import IncidentStatus
from benchguard.incidents.models import Incident
from benchguard.liaison.models import Agency, AgencyContact, LiaisonRequest
from benchguard.liaison.permissions import city_reader_court_ids, reader_court_ids, sender_court_ids
from benchguard.matters.models import Matter
from benchguard.organization.choices import CourtLevel
from benchguard.organization.models import Court, Person


def directory_for(user: Any, *, court: Court | None = None, kind: str = "") -> QuerySet[Agency]:
    """The active bodies of the courts the user reads, each with its active contacts
    (three queries however many rows: bodies with their courts, contacts)."""
    agencies = Agency.objects.visible_to(user).active().select_related("court")
    if court is not None:
        agencies = agencies.filter(court=court)
    if kind:
        agencies = agencies.filter(kind=kind)
    return agencies.prefetch_related(
        Prefetch(
            "contacts",
            queryset=AgencyContact.objects.active().order_by("name", "id"),
            to_attr="active_contacts",
        )
    ).order_by("court__sort_order", "court__division_code", "kind", "name", "id")


def directory_courts_for(user: Any) -> QuerySet[Court]:
    """The courts whose directory the user reads (the list's court filter)."""
    own = reader_court_ids(user)
    city = city_reader_court_ids(user)
    return Court.objects.filter(pk__in=own) | Court.objects.filter(
        parent_id__in=city, parent__level=CourtLevel.INTERMEDIATE
    )


def get_agency_for(user: Any, pk: int) -> Agency:
    return get_object_or_404(Agency.objects.visible_to(user).select_related("court"), pk=pk)


def get_contact_for(user: Any, pk: int) -> AgencyContact:
    return get_object_or_404(
        AgencyContact.objects.visible_to(user).select_related("agency", "agency__court"), pk=pk
    )


# --- Requests to outside bodies (A19) ------------------------------------------------


def requests_for(
    user: Any, *, kind: str = "", status: str = "", overdue: bool = False, incident: Any = None
) -> QuerySet[LiaisonRequest]:
    """The requests of the courts whose requests the user reads, newest sent first, with
    what a list shows of each (one query however many rows)."""
    rows = LiaisonRequest.objects.visible_to(user).select_related("court", "agency", "contact", "judge")
    if kind:
        rows = rows.filter(agency__kind=kind)
    if status:
        rows = rows.filter(status=status)
    if overdue:
        rows = rows.overdue()
    if incident is not None:
        rows = rows.filter(incident=incident)
    return rows.order_by("-sent_on", "-id")


def get_request_for(user: Any, pk: int) -> LiaisonRequest:
    return get_object_or_404(
        LiaisonRequest.objects.visible_to(user).select_related(
            "court", "agency", "contact", "judge", "incident", "case", "matter", "sent_by"
        ),
        pk=pk,
    )


def overdue_requests_for(user: Any, limit: int = 10) -> tuple[list[LiaisonRequest], int]:
    """The overdue requests of the courts the user sends requests for, the longest
    overdue first (the first `limit`), and how many there are (home panel)."""
    courts = sender_court_ids(user)
    if not courts:
        return [], 0
    rows = LiaisonRequest.objects.filter(court_id__in=courts).overdue()
    shown = list(rows.select_related("agency", "judge").order_by("answer_by", "id")[:limit])
    return shown, rows.count()


def sending_courts_for(user: Any) -> QuerySet[Court]:
    return Court.objects.filter(pk__in=sender_court_ids(user)).order_by("sort_order", "division_code")


def sending_agencies_for(user: Any) -> QuerySet[Agency]:
    """The active bodies of the courts the user sends requests for (the send form)."""
    return (
        Agency.objects.active()
        .filter(court_id__in=sender_court_ids(user))
        .select_related("court")
        .order_by("court__sort_order", "kind", "name", "id")
    )


def sending_contacts_for(user: Any) -> QuerySet[AgencyContact]:
    return (
        AgencyContact.objects.active()
        .filter(agency__is_active=True, agency__court_id__in=sender_court_ids(user))
        .select_related("agency")
        .order_by("agency__name", "name", "id")
    )


def sending_judges_for(user: Any) -> QuerySet[Person]:
    """The people in post at the courts the user sends requests for."""
    return Person.objects.filter(court_id__in=sender_court_ids(user), is_active=True).order_by(
        "court_id", "name_pinyin", "id"
    )


def sending_incidents_for(user: Any) -> QuerySet[Incident]:
    """The open incidents of those courts that the user sees in the register."""
    return (
        Incident.objects.visible_to(user)
        .filter(court_id__in=sender_court_ids(user), status=IncidentStatus.OPEN)
        .order_by("-occurred_at", "-id")
    )


def visible_records_of(user: Any, request: LiaisonRequest) -> dict[str, Any]:
    """The incident, case and matter of a request that the user may open (their areas'
    scopes), each None when there is none or the user may not see it."""
    ids = visible_record_ids(user, [request])
    return {
        name: getattr(request, name) if getattr(request, f"{name}_id") in ids[name] else None
        for name in ("incident", "case", "matter")
    }


def visible_record_ids(user: Any, rows: Iterable[LiaisonRequest]) -> dict[str, set[int]]:
    """Of the incidents, cases and matters the requests name, the ids the user sees in
    their areas (at most one query for each kind, however many requests)."""
    rows = list(rows)
    visible: dict[str, set[int]] = {}
    for name, model in (("incident", Incident), ("case", Case), ("matter", Matter)):
        ids = {getattr(row, f"{name}_id") for row in rows} - {None}
        found = model.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True) if ids else []
        visible[name] = set(found)
    return visible
