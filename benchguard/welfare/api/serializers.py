"""What the welfare API shows: the same fields the pages show to the same readers."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from benchguard.welfare import permissions
from benchguard.welfare.choices import CounsellingAnswer
from benchguard.welfare.models import (
    AssistanceApplication,
    CondolencePayment,
    FollowUp,
    FollowUpItem,
    Fund,
    InsuranceClaim,
)


class PersonMixin(serializers.Serializer):
    person_name = serializers.CharField(source="person.name", read_only=True)
    person_category = serializers.CharField(source="person.category", read_only=True)


class FollowUpItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = FollowUpItem
        fields = [
            "id",
            "followup",
            "kind",
            "owner_role",
            "due_on",
            "status",
            "outcome",
            "counselling",
            "done_at",
            "version",
        ]

    def to_representation(self, instance: FollowUpItem) -> dict[str, Any]:
        """The counselling offer's answer and note only for the counsellor and the person."""
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not permissions.can_read_counselling_answer(getattr(request, "user", None), instance):
            data["outcome"], data["counselling"] = "", ""
        return data


class FollowUpSerializer(PersonMixin, serializers.ModelSerializer):
    items = FollowUpItemSerializer(many=True, read_only=True)

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "court",
            "person",
            "person_name",
            "person_category",
            "reason",
            "incident",
            "matter",
            "opened_at",
            "items",
        ]


class CloseItemSerializer(serializers.Serializer):
    outcome = serializers.CharField(max_length=2000)
    counselling = serializers.ChoiceField(choices=CounsellingAnswer.choices, required=False, default="")
    version = serializers.IntegerField(required=False)


class ClaimSerializer(PersonMixin, serializers.ModelSerializer):
    class Meta:
        model = InsuranceClaim
        fields = [
            "id",
            "court",
            "policy",
            "person",
            "person_name",
            "person_category",
            "event_on",
            "on_duty",
            "amount_claimed",
            "status",
            "submitted_on",
            "paid_on",
            "amount_paid",
            "version",
        ]


class FundSerializer(serializers.ModelSerializer):
    class Meta:
        model = Fund
        fields = ["id", "court", "kind", "balance", "version"]


class CondolenceSerializer(PersonMixin, serializers.ModelSerializer):
    class Meta:
        model = CondolencePayment
        fields = [
            "id",
            "court",
            "person",
            "person_name",
            "person_category",
            "occasion",
            "amount",
            "cap",
            "raised_standard",
            "raised_approved_by",
            "raised_approved_at",
            "status",
            "voucher",
            "version",
        ]


class StepSerializer(serializers.Serializer):
    step = serializers.CharField(max_length=20)
    note = serializers.CharField(max_length=2000, required=False, default="")
    voucher = serializers.CharField(max_length=60, required=False, default="")
    version = serializers.IntegerField(required=False)


class ApplicationSerializer(PersonMixin, serializers.ModelSerializer):
    class Meta:
        model = AssistanceApplication
        fields = [
            "id",
            "court",
            "person",
            "person_name",
            "person_category",
            "ground",
            "amount_requested",
            "status",
            "amount_approved",
            "decided_on",
            "resolution",
            "version",
        ]
