"""Serializers of the wellbeing API: explicit fields; a session's notes are never sent."""

from __future__ import annotations

from rest_framework import serializers

from benchguard.wellbeing.models import Activity, CounsellingSession, LeaveRecord, PayIssue


class LeaveRecordSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    category = serializers.CharField(source="person.category", read_only=True)

    class Meta:
        model = LeaveRecord
        fields = [
            "id", "court", "person", "person_name", "category", "kind", "starts_on", "ends_on",
            "workdays", "calendar_days", "note", "is_cancelled", "version",
        ]  # fmt: skip
        read_only_fields = fields


class PayIssueSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    category = serializers.CharField(source="person.category", read_only=True)

    class Meta:
        model = PayIssue
        fields = [
            "id", "court", "person", "person_name", "category", "kind", "problem", "period",
            "amount_missing", "description", "status", "resolution", "resolved_on", "created_at", "version",
        ]  # fmt: skip
        read_only_fields = fields


class ResolvePaySerializer(serializers.Serializer):
    resolution = serializers.CharField(max_length=2000)
    resolved_on = serializers.DateField()
    version = serializers.IntegerField()


class CounsellingSessionSerializer(serializers.ModelSerializer):
    """For the session's two parties only (the viewset's queryset); no notes."""

    class Meta:
        model = CounsellingSession
        fields = ["id", "person", "counsellor", "room", "starts_at", "ends_at", "status", "version"]
        read_only_fields = fields


class ActivitySerializer(serializers.ModelSerializer):
    attended = serializers.IntegerField(read_only=True)

    class Meta:
        model = Activity
        fields = ["id", "court", "kind", "title", "starts_at", "place", "speaker", "description", "attended"]
        read_only_fields = fields
