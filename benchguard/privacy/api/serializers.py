from __future__ import annotations

from rest_framework import serializers

from benchguard.privacy.models import ExposureCase, NoticeTransition, TakedownNotice


class ExposureCaseSerializer(serializers.ModelSerializer[ExposureCase]):
    """An exposure case: what kind of data was exposed and where, never the data itself."""

    person_name = serializers.CharField(source="person.name", read_only=True)
    # Empty for a case inside the court: one string type, never "empty or a URI".
    url = serializers.CharField(read_only=True, help_text="Where it was published; empty inside the court.")

    class Meta:
        model = ExposureCase
        fields = [
            "id", "court", "kind", "person", "person_name", "affects_relatives", "exposed", "platform", "url",
            "found_on", "status",
        ]  # fmt: skip


class TransitionSerializer(serializers.ModelSerializer[NoticeTransition]):
    by = serializers.StringRelatedField()  # type: ignore[var-annotated]

    class Meta:
        model = NoticeTransition
        fields = ["from_status", "to_status", "at", "by", "note"]


class TakedownNoticeSerializer(serializers.ModelSerializer[TakedownNotice]):
    """A takedown notice with the history of its status."""

    transitions = TransitionSerializer(many=True, read_only=True)
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = TakedownNotice
        fields = [
            "id", "exposure", "recipient", "notifier", "notifier_name", "status", "sent_via", "follow_up_due",
            "overdue", "refusal_reason", "escalated_to", "escalation_reference", "transitions",
        ]  # fmt: skip
