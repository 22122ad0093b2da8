"""The equipment API (A10.1, A10.2), scoped like the pages (selectors) and written
through the same services: a kiosk or a scanner at the equipment room issues and takes
back devices (found by `?serial=`), a recorder's docking station uploads recordings
(multipart, streamed to storage). Refusals answer 400 by field, a caller who may not
act 403 (core.api)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.equipment import permissions, selectors, services
from benchguard.equipment.api import serializers as s
from benchguard.equipment.models import Device, DeviceIssue, Recording
from benchguard.organization.models import Person


class DeviceViewSet(viewsets.ReadOnlyModelViewSet[Device]):
    """The devices of the courts whose register the caller reads, with who holds each;
    `?serial=` finds one by its serial number (a scanner reads it from the label)."""

    serializer_class = s.DeviceSerializer

    def get_queryset(self) -> QuerySet[Device]:
        rows = selectors.devices_for(self.request.user)
        serial = self.request.query_params.get("serial", "").strip()
        return rows.filter(serial__iexact=serial) if serial else rows

    @extend_schema(parameters=[OpenApiParameter("serial", str, description="The device's serial number.")])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=s.IssueRequestSerializer, responses={201: s.IssueSerializer})
    @action(detail=True, methods=["post"])
    def issue(self, request: Request, pk: str | None = None) -> Response:
        """Issue the device to a person of its court (A10.1)."""
        device = self.get_object()
        if not permissions.can_keep_device(request.user, device):
            raise PermissionDenied
        payload = s.IssueRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        holder = Person.objects.filter(court_id=device.court_id, pk=data.pop("holder")).first()
        if holder is None:
            raise ValidationError({"holder": [_("Choose a person in post at the device's court.")]})
        issue = services.issue_device(actor=request.user, device=device, holder=holder, **data)
        return Response(s.IssueSerializer(issue).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ReturnRequestSerializer, responses=s.IssueSerializer)
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    def take_back(self, request: Request, pk: str | None = None) -> Response:
        """Take the device back from whoever holds it (A10.1)."""
        device = self.get_object()
        if not permissions.can_keep_device(request.user, device):
            raise PermissionDenied
        payload = s.ReturnRequestSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        issue = DeviceIssue.objects.open().filter(device=device).select_related("device").first()
        if issue is None:
            raise ValidationError(_("This device is not issued to anyone."), code="not_issued")
        issue = services.return_device(actor=request.user, issue=issue, **payload.validated_data)
        return Response(s.IssueSerializer(issue).data)


class RecordingViewSet(viewsets.ReadOnlyModelViewSet[Recording]):
    """The recordings the caller sees (metadata and hash; the file itself only on the
    pages, as a logged read). POST uploads one (multipart)."""

    serializer_class = s.RecordingSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    def get_queryset(self) -> QuerySet[Recording]:
        return selectors.recordings_for(self.request.user)

    @extend_schema(
        request={"multipart/form-data": s.UploadSerializer}, responses={201: s.RecordingSerializer}
    )
    def create(self, request: Request) -> Response:
        """Upload a recording of duty (A10.2): typed by content, hashed as it is stored."""
        user = request.user
        court_ids = sorted(permissions.uploader_court_ids(user))
        if not court_ids:
            raise PermissionDenied
        payload = s.UploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        people = Person.objects.filter(court_id__in=court_ids, is_active=True)
        person = (
            people.filter(pk=data["person"]).first()
            if "person" in data
            else people.filter(account=user).first()
        )
        if person is None:
            raise ValidationError({"person": [_("Choose a person of this court.")]})
        device = None
        if data.get("device") or data.get("device_serial"):
            devices = Device.objects.filter(court_id=person.court_id)
            device = (
                devices.filter(pk=data["device"]).first()
                if data.get("device")
                else devices.filter(serial__iexact=data["device_serial"].strip()).first()
            )
            if device is None:
                raise ValidationError({"device": [_("Choose a device of this court.")]})
        recording = services.upload_recording(
            actor=user, court=person.court, kind=data["kind"], title=data["title"],
            recorded_at=data["recorded_at"], person=person, device=device,
            description=data.get("description", ""), upload=data["file"],
        )  # fmt: skip
        return Response(self.get_serializer(recording).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.CheckSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request: Request, pk: str | None = None) -> Response:
        """Re-check the stored bytes against the SHA-256 now (A10.2)."""
        check = services.verify_recording(actor=request.user, recording=self.get_object())
        return Response(s.CheckSerializer(check).data)
