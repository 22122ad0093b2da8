"""The gate's API for its hardware (ID-card readers, turnstiles): check-in and check-out
through the same services and validation as the desk. Refusals answer 400 with the
messages by field; a visit not visible is 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.gate import permissions, selectors, services
from benchguard.gate.api import serializers as s
from benchguard.gate.models import Visit
from benchguard.organization.models import Person


class VisitViewSet(viewsets.ReadOnlyModelViewSet[Visit]):
    serializer_class = s.VisitSerializer

    def get_queryset(self) -> QuerySet[Visit]:
        if getattr(self, "swagger_fake_view", False):  # the schema generator, no caller
            return Visit.objects.none()
        if not permissions.can_use_desk(self.request.user):
            raise PermissionDenied
        return selectors.desk_visits(self.request.user)

    @extend_schema(request=s.CheckInSerializer, responses={201: s.VisitSerializer})
    def create(self, request: Request) -> Response:
        """Register a visitor: validated, screened and the document held, as at the desk."""
        if not permissions.can_use_desk(request.user):
            raise PermissionDenied
        data = s.CheckInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        post = selectors.desk_posts(request.user).filter(pk=values.pop("post")).first()
        if post is None:
            return Response(
                {"post": [_("Choose a gatehouse of your court.")]}, status=status.HTTP_400_BAD_REQUEST
            )
        host = Person.objects.filter(pk=values.pop("host"), court_id=post.court_id, is_active=True).first()
        if host is None:
            return Response(
                {"host": [_("The host must work at this court.")]}, status=status.HTTP_400_BAD_REQUEST
            )
        visit = services.check_in(actor=request.user, post=post, host=host, **values)
        return Response(s.VisitSerializer(visit).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.VisitSerializer})
    @action(detail=True, methods=["post"], url_path="check-out")
    def check_out(self, request: Request, pk: str | None = None) -> Response:
        """The visitor leaves: departure time and the hand-back in one step."""
        visit = self.get_object()
        visit = services.check_out(actor=request.user, visit=visit)
        return Response(s.VisitSerializer(visit).data)
