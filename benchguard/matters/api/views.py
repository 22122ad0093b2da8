"""The matters API: scoped like the pages; each transition is an explicit endpoint that
calls the same service as the page (house style 5). Refusals answer 400 with the
message, stale edits 409."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.committee.models import Resolution
from benchguard.core.forms import service_arguments
from benchguard.matters import services
from benchguard.matters.api import serializers as s
from benchguard.matters.models import Matter, TimeRequest


def _resolution(matter: Matter, pk: int | None) -> Resolution | None:
    """The named resolution if it is one of this court's, else a refusal next to the field."""
    if pk is None:
        return None
    found = (
        Resolution.objects.filter(pk=pk, meeting__court_id=matter.court_id).select_related("meeting").first()
    )
    if found is None:
        raise ValidationError({"resolution": [_("Choose an adopted resolution of this court's committee.")]})
    return found


class MatterViewSet(viewsets.ReadOnlyModelViewSet[Matter]):
    serializer_class = s.MatterSerializer

    def get_queryset(self) -> QuerySet[Matter]:
        return (
            Matter.objects.visible_to(self.request.user)
            .select_related("court", "applicant", "handler")
            .order_by("-registered_at", "-pk")
        )

    def _run(
        self,
        request: Request,
        serializer_class: type[serializers.Serializer],
        run: Callable[[Matter, dict[str, Any]], Any],
    ) -> Response:
        matter = self.get_object()
        payload = serializer_class(data=request.data)
        payload.is_valid(raise_exception=True)
        run(matter, dict(payload.validated_data))  # a refusal answers 400/409 (core.api)
        matter.refresh_from_db()
        return Response(s.MatterSerializer(matter).data)

    def _transition(
        self, request: Request, serializer_class: type[serializers.Serializer], service: Callable[..., Any]
    ) -> Response:
        """A transition whose payload's fields are the service's arguments, as on the
        matter's page (core.forms.service_arguments: `version` is `expected_version`)."""
        return self._run(
            request,
            serializer_class,
            lambda matter, data: service(actor=request.user, matter=matter, **service_arguments(data)),
        )

    @extend_schema(request=s.AcceptSerializer, responses=s.MatterSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, s.AcceptSerializer, services.accept_matter)

    @extend_schema(request=s.DeclineSerializer, responses=s.MatterSerializer)
    @action(detail=True, methods=["post"])
    def decline(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, s.DeclineSerializer, services.decline_matter)

    @extend_schema(request=s.TimeRequestSerializer, responses=s.MatterSerializer)
    @action(detail=True, methods=["post"], url_path="request-time")
    def request_time(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, s.TimeRequestSerializer, services.request_time)

    @extend_schema(request=s.TimeDecisionSerializer, responses=s.MatterSerializer)
    @action(detail=True, methods=["post"], url_path="decide-time")
    def decide_time(self, request: Request, pk: str | None = None) -> Response:
        def run(matter: Matter, data: dict[str, Any]) -> Any:
            time_request = get_object_or_404(TimeRequest, pk=data["request"], matter=matter)
            return services.decide_time_request(
                actor=request.user,
                time_request=time_request,
                approve=data["approve"],
                note=data["note"],
            )

        return self._run(request, s.TimeDecisionSerializer, run)

    @extend_schema(request=s.DecideSerializer, responses=s.MatterSerializer)
    @action(detail=True, methods=["post"])
    def decide(self, request: Request, pk: str | None = None) -> Response:
        return self._run(
            request,
            s.DecideSerializer,
            lambda m, d: services.decide_matter(
                actor=request.user,
                matter=m,
                expected_version=d["version"],
                basis=d["basis"],
                findings=d["findings"],
                handling_opinion=d["handling_opinion"],
                resolution=_resolution(m, d.get("resolution")),
            ),
        )

    @extend_schema(request=s.FeedbackSerializer, responses=s.MatterSerializer)
    @action(detail=True, methods=["post"])
    def feedback(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, s.FeedbackSerializer, services.record_feedback)

    @extend_schema(request=s.AppealOutcomeSerializer, responses=s.MatterSerializer)
    @action(detail=True, methods=["post"], url_path="appeal-outcome")
    def appeal_outcome(self, request: Request, pk: str | None = None) -> Response:
        """The higher court's answer to an appeal, recorded by the office (A27)."""
        return self._transition(request, s.AppealOutcomeSerializer, services.record_appeal_outcome)

    @extend_schema(request=s.AppealSerializer, responses=s.MatterSerializer)
    @action(detail=True, methods=["post"])
    def respond(self, request: Request, pk: str | None = None) -> Response:
        """The judge accepts the result or appeals (A27)."""
        return self._transition(request, s.AppealSerializer, services.record_response)
