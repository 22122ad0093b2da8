"""The privacy API (A18), read-only, scoped exactly like the pages (selectors)."""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework import viewsets

from benchguard.privacy import selectors
from benchguard.privacy.api.serializers import ExposureCaseSerializer, TakedownNoticeSerializer
from benchguard.privacy.models import ExposureCase, TakedownNotice


class ExposureCaseViewSet(viewsets.ReadOnlyModelViewSet[ExposureCase]):
    """The exposure cases the caller reads (permissions): online and internal by role."""

    serializer_class = ExposureCaseSerializer

    def get_queryset(self) -> QuerySet[ExposureCase]:
        return selectors.cases_for(self.request.user)


class TakedownNoticeViewSet(viewsets.ReadOnlyModelViewSet[TakedownNotice]):
    """The takedown notices of the cases the caller reads, each with its status history."""

    serializer_class = TakedownNoticeSerializer

    def get_queryset(self) -> QuerySet[TakedownNotice]:
        return selectors.notices_for(self.request.user)
