"""The liaison API (A19), scoped exactly like the pages (selectors): the directory,
read-only; the requests to outside bodies, read and written through the same services
as the pages. Refusals answer 400 with the messages by field, a stale version 409, a
caller who may not act 403 (core.api); a retried POST with the same Idempotency-Key
makes one request (core.once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.cases.models import Case
from benchguard.core.forms import service_arguments
from benchguard.incidents.models import Incident
from benchguard.liaison import permissions, selectors, services
from benchguard.liaison.api import serializers as s
from benchguard.liaison.api.serializers import AgencySerializer
from benchguard.liaison.models import Agency, LiaisonRequest
from benchguard.matters.models import Matter


class AgencyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[Agency]):
    """The active outside bodies of the courts the caller reads, with their active contacts."""

    serializer_class = AgencySerializer

    def get_queryset(self) -> QuerySet[Agency]:
        return selectors.directory_for(self.request.user)


def _one(rows: QuerySet[Any], pk: int | None, field: str) -> Any:
    """The row `pk` among `rows` (the caller's scope), None when none was named; a row
    outside the scope is refused next to its field."""
    if pk is None:
        return None
    found = rows.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: [_("Choose a record of this court that you can see.")]})
    return found


class LiaisonRequestViewSet(viewsets.ReadOnlyModelViewSet[LiaisonRequest]):
    """The requests of the courts whose requests the caller reads, newest sent first;
    `?kind=`, `?status=` and `?overdue=true` filter them as on the page."""

    serializer_class = s.LiaisonRequestSerializer

    def get_queryset(self) -> QuerySet[LiaisonRequest]:
        params = self.request.query_params
        return selectors.requests_for(
            self.request.user,
            kind=params.get("kind", ""),
            status=params.get("status", ""),
            overdue=params.get("overdue", "").lower() in ("1", "true", "on", "yes"),
        ).select_related("sent_by")

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        if args and isinstance(args[0], LiaisonRequest | list):
            rows = args[0] if isinstance(args[0], list) else [args[0]]
            context = self.get_serializer_context()
            context["visible"] = selectors.visible_record_ids(self.request.user, rows)
            kwargs["context"] = context
        return super().get_serializer(*args, **kwargs)

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, description="Kind of body (liaison.choices.AgencyKind)."),
            OpenApiParameter("status", str, description="sent, answered, closed or withdrawn."),
            OpenApiParameter("overdue", bool, description="Only requests past their day to answer by."),
        ]
    )
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.SendRequestSerializer, responses={201: s.LiaisonRequestSerializer})
    def create(self, request: Request) -> Response:
        """Record a request sent to a body of the court's directory, as the send page does."""
        user = request.user
        if not permissions.can_send(user):
            raise PermissionDenied
        payload = s.SendRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        court = selectors.sending_courts_for(user).filter(pk=data.pop("court")).first()
        if court is None:
            raise ValidationError({"court": [_("Choose a court you send requests for.")]})
        scopes: dict[str, QuerySet[Any]] = {
            "agency": selectors.sending_agencies_for(user),
            "contact": selectors.sending_contacts_for(user),
            "judge": selectors.sending_judges_for(user),
            "incident": Incident.objects.visible_to(user),
            "case": Case.objects.visible_to(user),
            "matter": Matter.objects.visible_to(user),
        }
        for field, rows in scopes.items():
            data[field] = _one(rows, data.get(field), field)
        row = services.send_request(actor=user, court=court, **data)
        return Response(self.get_serializer(row).data, status=status.HTTP_201_CREATED)

    def _transition(
        self,
        request: Request,
        serializer_class: type[serializers.Serializer],
        service: Callable[..., LiaisonRequest],
    ) -> Response:
        row = self.get_object()
        payload = serializer_class(data=request.data)
        payload.is_valid(raise_exception=True)
        row = service(actor=request.user, request=row, **service_arguments(payload.validated_data))
        return Response(self.get_serializer(row).data)

    @extend_schema(request=s.AnswerSerializer, responses=s.LiaisonRequestSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, s.AnswerSerializer, services.record_answer)

    @extend_schema(request=s.CloseSerializer, responses=s.LiaisonRequestSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, s.CloseSerializer, services.close_request)

    @extend_schema(request=s.WithdrawSerializer, responses=s.LiaisonRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        return self._transition(request, s.WithdrawSerializer, services.withdraw_request)
