from __future__ import annotations

from typing import Any

from rest_framework import serializers

from benchguard.core.validators import PLANNED
from benchguard.duty.choices import DutyRole
from benchguard.duty.models import DutyShift


class ShiftSerializer(serializers.ModelSerializer[DutyShift]):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = DutyShift
        fields = ["id", "court", "person", "person_name", "role", "starts_at", "ends_at", "note", "version"]
        read_only_fields = fields


class ShiftWriteSerializer(serializers.Serializer[Any]):
    """A new shift: the court and the person by id, checked by the service."""

    court = serializers.IntegerField()
    person = serializers.IntegerField()
    role = serializers.ChoiceField(choices=DutyRole.choices)
    starts_at = serializers.DateTimeField(validators=[PLANNED])
    ends_at = serializers.DateTimeField(validators=[PLANNED])
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class ShiftEditSerializer(serializers.Serializer[Any]):
    """An edit: the version it was read at and the fields that change."""

    version = serializers.IntegerField(min_value=1)
    person = serializers.IntegerField(required=False)
    role = serializers.ChoiceField(choices=DutyRole.choices, required=False)
    starts_at = serializers.DateTimeField(validators=[PLANNED], required=False)
    ends_at = serializers.DateTimeField(validators=[PLANNED], required=False)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True)
