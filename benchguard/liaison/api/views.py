"""Read-only liaison directory API (A19), scoped exactly like the page (selectors)."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import mixins, viewsets

from benchguard.liaison import selectors
from benchguard.liaison.api.serializers import AgencySerializer
from benchguard.liaison.models import Agency


class AgencyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Agency]):
    """The active outside bodies of the courts the caller reads, with their active contacts."""

    serializer_class = AgencySerializer

    def get_queryset(self) -> QuerySet[Agency]:
        return selectors.directory_for(self.request.user)
