"""The alarm's API (A8, A9.3, A12): a hardware button or a terminal presses the alarm
with one call; officers' devices read the open alarms and answer them through the same
services as the pages. Authentication is the API's: a DRF token (see docs/architecture.md
"One-press alarm" for a terminal's own account)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.alarm import permissions, selectors, services
from benchguard.alarm.api import serializers as s
from benchguard.alarm.choices import OPEN_STATUSES
from benchguard.alarm.models import Alarm


class AlarmViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Alarm]):
    """Alarms the caller sees (as the pages), newest first; `?open=1` only open ones."""

    serializer_class = s.AlarmSerializer

    def get_queryset(self) -> QuerySet[Alarm]:
        rows = selectors.alarms_for(self.request.user).order_by("-pressed_at", "-id")
        if self.request.query_params.get("open") == "1":
            rows = rows.filter(status__in=OPEN_STATUSES)
        return rows

    @extend_schema(request=s.PressSerializer, responses={201: s.AlarmSerializer})
    @action(detail=False, methods=["post"])
    def press(self, request: Request) -> Response:
        """Press the alarm: `point` for an alarm point of the caller's court, none for the
        caller's own alarm. A second press of the same button within seconds returns the
        same alarm (counted)."""
        data = s.PressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        point_id = data.validated_data["point"]
        if point_id is not None:
            point = selectors.points_for(request.user).filter(pk=point_id).first()
            if point is None:
                raise ValidationError({"point": _("Choose an alarm point of your court.")})
            alarm = services.press_alarm(actor=request.user, court=point.court, point=point)
        else:
            person = selectors.own_person(request.user)
            if person is None or not permissions.can_press(request.user, person.court_id):
                raise PermissionDenied
            alarm = services.press_alarm(
                actor=request.user, court=person.court, place=data.validated_data["place"]
            )
        return Response(s.AlarmSerializer(alarm).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={200: s.AlarmSerializer})
    @action(detail=True, methods=["post"])
    def acknowledge(self, request: Request, pk: str | None = None) -> Response:
        """Take the alarm on (the judicial police of its court)."""
        alarm = services.acknowledge_alarm(actor=request.user, alarm=self.get_object())
        return Response(s.AlarmSerializer(alarm).data)

    @extend_schema(request=None, responses={200: s.AlarmSerializer})
    @action(detail=True, methods=["post"])
    def arrive(self, request: Request, pk: str | None = None) -> Response:
        """Record the officer's arrival at the place."""
        alarm = services.record_arrival(actor=request.user, alarm=self.get_object())
        return Response(s.AlarmSerializer(alarm).data)

    @extend_schema(request=s.CloseSerializer, responses={200: s.AlarmSerializer})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        """Close the alarm with what was found."""
        data = s.CloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        alarm = services.close_alarm(
            actor=request.user, alarm=self.get_object(), outcome=data.validated_data["outcome"]
        )
        return Response(s.AlarmSerializer(alarm).data)
