"""Read-only directory API, scoped exactly like the pages (visible_to)."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import viewsets

from benchguard.organization import selectors
from benchguard.organization.api.serializers import CourtSerializer, PersonSerializer
from benchguard.organization.models import Court, Person


class PersonViewSet(viewsets.ReadOnlyModelViewSet[Person]):
    """People of the courts the caller works in; `?q=` searches like the directory."""

    serializer_class = PersonSerializer

    def get_queryset(self) -> QuerySet[Person]:
        return selectors.people_for(self.request.user, q=self.request.query_params.get("q", "")[:50])


class CourtViewSet(viewsets.ReadOnlyModelViewSet[Court]):
    serializer_class = CourtSerializer

    def get_queryset(self) -> QuerySet[Court]:
        return Court.objects.visible_to(self.request.user)
