"""Read-only cases API (A14), scoped exactly like the pages (selectors). What screening
found of the parties is not served here: it is the controlled list's answer, opened
(and logged) on the case's page."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.cases import selectors, services
from benchguard.cases.api.serializers import CaseSerializer, RiskAlertSerializer
from benchguard.cases.models import Case, Party, RiskAlert


class CaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Case]):
    """The cases the caller reads, newest filed first, with their parties."""

    serializer_class = CaseSerializer

    def get_queryset(self) -> QuerySet[Case]:
        return (
            selectors.cases_for(self.request.user)
            .prefetch_related(
                "panel",
                "risk_flags",
                Prefetch("parties", queryset=Party.objects.current().order_by("id")),
            )
            .select_related("risk_level")
        )


class RiskAlertViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[RiskAlert]):
    """The risk alerts of the cases the caller reads, newest first; `?open=1` those still
    to acknowledge. `acknowledge` is the page's button: the level an alert is addressed
    to acknowledges it once; a retry is answered 400 naming who did."""

    serializer_class = RiskAlertSerializer

    def get_queryset(self) -> QuerySet[RiskAlert]:
        alerts = selectors.alerts_for(self.request.user)
        if self.request.query_params.get("open") in ("1", "true"):
            alerts = alerts.filter(acknowledged_at__isnull=True)
        return alerts

    @extend_schema(request=None, responses=RiskAlertSerializer)
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        alert = services.acknowledge_alert(actor=request.user, alert=self.get_object())
        return Response(RiskAlertSerializer(alert).data)
