from __future__ import annotations

from rest_framework import serializers

from benchguard.cases.models import Case, Party


class PartySerializer(serializers.ModelSerializer[Party]):
    """A party; its document number only masked (the number itself never leaves)."""

    masked_document = serializers.CharField(read_only=True)

    class Meta:
        model = Party
        fields = ["id", "kind", "role", "name", "document_kind", "masked_document"]


class CaseSerializer(serializers.ModelSerializer[Case]):
    parties = PartySerializer(many=True, read_only=True)

    class Meta:
        model = Case
        fields = [
            "id",
            "court",
            "number",
            "cause",
            "stage",
            "division",
            "judge",
            "panel",
            "filed_on",
            "version",
            "parties",
        ]
