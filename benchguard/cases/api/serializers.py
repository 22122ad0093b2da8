from __future__ import annotations

from rest_framework import serializers

from benchguard.cases.models import Case, Party, RiskAlert, RiskFlag, RiskLevel


class PartySerializer(serializers.ModelSerializer[Party]):
    """A party; its document number only masked (the number itself never leaves)."""

    masked_document = serializers.CharField(read_only=True)

    class Meta:
        model = Party
        fields = ["id", "kind", "role", "name", "document_kind", "masked_document"]


class CaseSerializer(serializers.ModelSerializer[Case]):
    parties = PartySerializer(many=True, read_only=True)
    risk_flags = serializers.SlugRelatedField[RiskFlag](
        slug_field="code",
        many=True,
        read_only=True,
        help_text="The codes of the ticked risk checklist (A14).",
    )
    risk_level = serializers.SlugRelatedField[RiskLevel](
        slug_field="rank", read_only=True, help_text="The rank of the level set by the division chief (A14)."
    )

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
            "risk_flags",
            "risk_level",
            "flagged_at",
            "assessed_stage",
        ]


class RiskAlertSerializer(serializers.ModelSerializer[RiskAlert]):
    """An alert about a risky case to one level (A14, A16)."""

    number = serializers.CharField(source="case.number", read_only=True)

    class Meta:
        model = RiskAlert
        fields = [
            "id",
            "case",
            "number",
            "kind",
            "tier",
            "created_at",
            "due_at",
            "acknowledged_at",
            "acknowledged_by",
            "escalated_at",
        ]
        read_only_fields = fields
