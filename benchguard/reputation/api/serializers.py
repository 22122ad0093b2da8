from __future__ import annotations

from rest_framework import serializers

from benchguard.reputation.models import OpinionEvent


class OpinionEventSerializer(serializers.ModelSerializer[OpinionEvent]):
    """A public-opinion event: its facts and status (the internal findings are left to the
    page, which shows them to the court's readers only)."""

    judge_name = serializers.CharField(source="judge.name", read_only=True)
    right_code = serializers.CharField(source="right.code", read_only=True)

    class Meta:
        model = OpinionEvent
        fields = [
            "id", "court", "right_code", "kind", "origin", "judge", "judge_name", "platform", "url",
            "summary", "reach", "found_on", "status",
        ]  # fmt: skip
