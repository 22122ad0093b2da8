"""The welfare API, scoped exactly like the pages (selectors): follow-ups and their
items (an item is closed through the same service as the page), insurance claims,
funds, condolence payments (moved along their chain through the same service) and
applications to the special fund. Refusals answer 400 by field, a stale version 409, a
caller who may not act 403 (core.api)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.core.forms import service_arguments
from benchguard.welfare import selectors, services
from benchguard.welfare.api import serializers as s
from benchguard.welfare.models import (
    AssistanceApplication,
    CondolencePayment,
    FollowUp,
    FollowUpItem,
    Fund,
    InsuranceClaim,
)


class FollowUpViewSet(viewsets.ReadOnlyModelViewSet[FollowUp]):
    """The follow-ups after harm the caller reads (the desks of the court; the person)."""

    serializer_class = s.FollowUpSerializer

    def get_queryset(self) -> QuerySet[FollowUp]:
        return selectors.followups_for(self.request.user).prefetch_related(
            Prefetch("items", queryset=FollowUpItem.objects.order_by("due_on", "id"))
        )


class FollowUpItemViewSet(viewsets.ReadOnlyModelViewSet[FollowUpItem]):
    """The items of those follow-ups; `close` closes one of the caller's desk."""

    serializer_class = s.FollowUpItemSerializer

    def get_queryset(self) -> QuerySet[FollowUpItem]:
        return (
            FollowUpItem.objects.visible_to(self.request.user)
            .select_related("followup__person")  # who may read a counselling answer, per row
            .order_by("due_on", "id")
        )

    @extend_schema(request=s.CloseItemSerializer, responses=s.FollowUpItemSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        item = self.get_object()
        payload = s.CloseItemSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        item = services.close_item(actor=request.user, item=item, **service_arguments(payload.validated_data))
        return Response(self.get_serializer(item).data)


class ClaimViewSet(viewsets.ReadOnlyModelViewSet[InsuranceClaim]):
    serializer_class = s.ClaimSerializer

    def get_queryset(self) -> QuerySet[InsuranceClaim]:
        return selectors.claims_for(self.request.user)


class FundViewSet(viewsets.ReadOnlyModelViewSet[Fund]):
    serializer_class = s.FundSerializer

    def get_queryset(self) -> QuerySet[Fund]:
        return selectors.funds_for(self.request.user)


class CondolenceViewSet(viewsets.ReadOnlyModelViewSet[CondolencePayment]):
    """Condolence payments; `advance` records the next step of the chain."""

    serializer_class = s.CondolenceSerializer

    def get_queryset(self) -> QuerySet[CondolencePayment]:
        return selectors.payments_for(self.request.user)

    @extend_schema(request=s.StepSerializer, responses=s.CondolenceSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request: Request, pk: str | None = None) -> Response:
        payment = self.get_object()
        payload = s.StepSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data: dict[str, Any] = service_arguments(payload.validated_data)
        payment = services.advance_condolence(actor=request.user, payment=payment, **data)
        return Response(self.get_serializer(payment).data)


class ApplicationViewSet(viewsets.ReadOnlyModelViewSet[AssistanceApplication]):
    serializer_class = s.ApplicationSerializer

    def get_queryset(self) -> QuerySet[AssistanceApplication]:
        return selectors.applications_for(self.request.user)
