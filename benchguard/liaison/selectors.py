"""Scoped reads of the liaison directory (A19), with what each page shows."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from benchguard.liaison.models import Agency, AgencyContact
from benchguard.liaison.permissions import city_reader_court_ids, reader_court_ids
from benchguard.organization.choices import CourtLevel
from benchguard.organization.models import Court


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
