"""The duty roster's API (A13.4): read the shifts the caller reads (scoped like the page)
and, for the keepers, add, edit and remove shifts through the same services. Refusals
answer 400 by field, 403, or 409 for a stale version (core.api.exception_handler)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.duty import permissions, selectors, services
from benchguard.duty.api import serializers as s
from benchguard.duty.models import DutyShift
from benchguard.organization.models import Court, Person


class ShiftViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[DutyShift]):
    """Active duty shifts of the courts whose roster the caller reads, by start time."""

    serializer_class = s.ShiftSerializer

    def get_queryset(self) -> QuerySet[DutyShift]:
        return (
            DutyShift.objects.visible_to(self.request.user)
            .active()
            .select_related("person")
            .order_by("-starts_at", "-id")
        )

    def _person(self, pk: Any, court_id: int) -> Person:
        person = selectors.eligible_people({court_id}).filter(pk=pk).first()
        if person is None:
            raise ValidationError({"person": _("Choose someone of this court who may stand a duty.")})
        return person

    @extend_schema(request=s.ShiftWriteSerializer, responses={201: s.ShiftSerializer})
    def create(self, request: Request) -> Response:
        """Add a shift to a court's roster (its judicial police and leaders)."""
        data = s.ShiftWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        court = Court.objects.filter(
            pk=values.pop("court"), pk__in=permissions.keeper_court_ids(request.user)
        ).first()
        if court is None:
            raise PermissionDenied
        person = self._person(values.pop("person"), court.pk)
        shift = services.add_shift(actor=request.user, court=court, person=person, **values)
        return Response(s.ShiftSerializer(shift).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ShiftEditSerializer, responses={200: s.ShiftSerializer})
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        """Change a shift still at `version`."""
        shift = self.get_object()
        data = s.ShiftEditSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changes = dict(data.validated_data)
        version = changes.pop("version")
        if "person" in changes:
            changes["person"] = self._person(changes["person"], shift.court_id)
        shift = services.update_shift(
            actor=request.user, shift=shift, expected_version=version, changes=changes
        )
        return Response(s.ShiftSerializer(shift).data)

    @extend_schema(request=None, responses={200: s.ShiftSerializer})
    @action(detail=True, methods=["post"])
    def remove(self, request: Request, pk: str | None = None) -> Response:
        """Take a shift off the roster (it stays on record). An optional `version` (the
        one the caller read) refuses the removal of a shift changed meanwhile (409)."""
        shift = self.get_object()
        body = request.data if isinstance(request.data, dict) else {}
        version = str(body.get("version") or "")
        shift = services.remove_shift(
            actor=request.user, shift=shift, expected_version=int(version) if version.isdigit() else None
        )
        return Response(s.ShiftSerializer(shift).data)
