"""Read-only cases API (A14), scoped exactly like the pages (selectors). What screening
found of the parties is not served here: it is the controlled list's answer, opened
(and logged) on the case's page."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from rest_framework import mixins, viewsets

from benchguard.cases import selectors
from benchguard.cases.api.serializers import CaseSerializer
from benchguard.cases.models import Case, Party


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Case]):
    """The cases the caller reads, newest filed first, with their parties."""

    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        return selectors.cases_for(self.request.user).prefetch_related(
            "panel", Prefetch("parties", queryset=Party.objects.order_by("id"))
        )
