from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from benchguard.alarm.models import Alarm


class AlarmSerializer(serializers.ModelSerializer[Alarm]):
    pressed_by_name = serializers.CharField(source="pressed_by.__str__", read_only=True)

    class Meta:
        model = Alarm
        fields = [
            "id",
            "court",
            "point",
            "place",
            "pressed_by",
            "pressed_by_name",
            "pressed_at",
            "presses",
            "status",
            "incident",
            "joined",
            "escalate_at",
            "escalated_at",
            "acknowledged_at",
            "acknowledged_by",
            "arrived_at",
            "arrived_by",
            "closed_at",
            "outcome",
            "version",
        ]
        read_only_fields = fields


class PressSerializer(serializers.Serializer[Any]):
    """A press: at an alarm point (a hardware button, a courtroom terminal) or, without
    one, the caller's own alarm (with where they are, if they can say)."""

    point = serializers.IntegerField(required=False, allow_null=True, default=None)
    place = serializers.CharField(max_length=150, required=False, allow_blank=True, default="")


# Its own name in the schema: liaison and alarm each have a CloseSerializer.
@extend_schema_serializer(component_name="AlarmClose")
class CloseSerializer(serializers.Serializer[Any]):
    outcome = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
