"""The reputation API (A17), read-only, scoped exactly like the pages (selectors)."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import viewsets

from benchguard.reputation import selectors
from benchguard.reputation.api.serializers import OpinionEventSerializer
from benchguard.reputation.models import OpinionEvent


class OpinionEventViewSet(viewsets.ReadOnlyModelViewSet[OpinionEvent]):
    """The events of the courts the caller reads (a judge: those about them)."""

    serializer_class = OpinionEventSerializer

    def get_queryset(self) -> QuerySet[OpinionEvent]:
        return selectors.events_for(self.request.user)
