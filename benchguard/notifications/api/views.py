"""The caller's own notifications; reading one is an explicit POST, like the page."""

from __future__ import annotations

from django.db.models import QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.notifications import selectors, services
from benchguard.notifications.api.serializers import NotificationSerializer
from benchguard.notifications.models import Notification

_TRUE = {"1", "true", "yes"}


@extend_schema(
    parameters=[OpenApiParameter("unread", OpenApiTypes.BOOL, description="Only unread notifications.")]
)
class NotificationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Notification]
):
    """Notifications are personal: another account's notification answers 404."""

    serializer_class = NotificationSerializer

    def get_queryset(self) -> QuerySet[Notification]:
        unread_only = self.request.query_params.get("unread", "").lower() in _TRUE
        return selectors.notifications_for(self.request.user, unread_only=unread_only)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request: Request, pk: str | None = None) -> Response:
        notification = services.mark_read(actor=request.user, notification=self.get_object())
        return Response(self.get_serializer(notification).data)

    @extend_schema(
        request=None,
        responses=inline_serializer("MarkedRead", {"marked": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request: Request) -> Response:
        return Response({"marked": services.mark_all_read(actor=request.user)})
