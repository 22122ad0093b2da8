from __future__ import annotations

from typing import Any

from rest_framework import serializers

from benchguard.equipment.choices import RecordingKind, ReturnCondition
from benchguard.equipment.models import Device, DeviceIssue, Recording


class IssueSerializer(serializers.ModelSerializer[DeviceIssue]):
    holder_name = serializers.CharField(source="holder.name", read_only=True)
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = DeviceIssue
        fields = [
            "id", "device", "holder", "holder_name", "purpose", "issued_at", "due_back_on", "returned_at",
            "return_condition", "return_note", "overdue", "version",
        ]  # fmt: skip
        read_only_fields = fields


class DeviceSerializer(serializers.ModelSerializer[Device]):
    """A device with its open issue (who holds it now), if any."""

    holder = serializers.SerializerMethodField()

    class Meta:
        model = Device
        fields = ["id", "court", "kind", "serial", "model_name", "state", "holder", "version"]
        read_only_fields = fields

    def get_holder(self, device: Device) -> dict[str, Any] | None:
        issues = getattr(device, "open_issues", [])
        return IssueSerializer(issues[0]).data if issues else None


class IssueRequestSerializer(serializers.Serializer):
    holder = serializers.IntegerField(
        help_text="The person (organization.Person id) the device is issued to."
    )
    due_back_on = serializers.DateField(required=False, allow_null=True)
    purpose = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ReturnRequestSerializer(serializers.Serializer):
    condition = serializers.ChoiceField(choices=ReturnCondition.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class RecordingSerializer(serializers.ModelSerializer[Recording]):
    person_name = serializers.CharField(source="person.name", read_only=True)
    uploaded_by = serializers.StringRelatedField()  # type: ignore[var-annotated]

    class Meta:
        model = Recording
        fields = [
            "id", "court", "kind", "title", "recorded_at", "person", "person_name", "device", "original_name",
            "size", "content_type", "sha256", "uploaded_by", "uploaded_at", "previous", "version_number",
            "superseded", "integrity", "last_checked_at", "retain_until", "purged_at", "version",
        ]  # fmt: skip
        read_only_fields = fields


class UploadSerializer(serializers.Serializer):
    """A recording sent by a kiosk or a recorder's docking station (multipart)."""

    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=RecordingKind.choices)
    title = serializers.CharField(max_length=200)
    recorded_at = serializers.DateTimeField()
    person = serializers.IntegerField(
        required=False, help_text="Whose duty (organization.Person id); default: the caller's own."
    )
    device = serializers.IntegerField(required=False, allow_null=True, help_text="The device's id.")
    device_serial = serializers.CharField(
        required=False, allow_blank=True, max_length=60, help_text="Or the device's serial number."
    )
    description = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class CheckSerializer(serializers.Serializer):
    result = serializers.CharField()
    sha256_found = serializers.CharField()
    checked_at = serializers.DateTimeField()
