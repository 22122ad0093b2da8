from rest_framework import serializers

from benchguard.core.validators import HAPPENED
from benchguard.matters.choices import Channel, DecisionBasis, Response, TimeRequestKind
from benchguard.matters.models import Matter


class MatterSerializer(serializers.ModelSerializer[Matter]):
    court = serializers.StringRelatedField()  # type: ignore[var-annotated]
    applicant = serializers.StringRelatedField()  # type: ignore[var-annotated]
    handler = serializers.StringRelatedField()  # type: ignore[var-annotated]

    class Meta:
        model = Matter
        fields = [
            "id", "number", "court", "origin", "channel", "subject", "applicant", "status", "handler",
            "registered_at", "accepted_on", "due_date", "suspended_since", "extended_days", "facts",
            "infringer", "request", "declined_reason", "findings", "handling_opinion", "decision_basis",
            "decided_on", "feedback_channel", "feedback_at", "response", "appeal_sent_on", "appeal_outcome",
            "version",
        ]  # fmt: skip
        read_only_fields = fields


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class AcceptSerializer(VersionSerializer):
    pass


class DeclineSerializer(VersionSerializer):
    reason = serializers.CharField(max_length=2000)


class TimeRequestSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=TimeRequestKind.choices)
    reason = serializers.CharField(max_length=2000)
    days = serializers.IntegerField(required=False, allow_null=True)


class TimeDecisionSerializer(serializers.Serializer):
    request = serializers.IntegerField()
    approve = serializers.BooleanField()
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class DecideSerializer(VersionSerializer):
    basis = serializers.ChoiceField(choices=DecisionBasis.choices)
    findings = serializers.CharField(max_length=5000)
    handling_opinion = serializers.CharField(max_length=5000)
    resolution = serializers.IntegerField(required=False, allow_null=True, help_text="For basis=meeting.")


class FeedbackSerializer(VersionSerializer):
    channel = serializers.ChoiceField(choices=[Channel.ONLINE, Channel.PHONE, Channel.EMAIL, Channel.WRITTEN])


class AppealSerializer(VersionSerializer):
    response = serializers.ChoiceField(choices=Response.choices)
    appeal_sent_on = serializers.DateField(required=False, allow_null=True, validators=[HAPPENED])


class AppealOutcomeSerializer(VersionSerializer):
    outcome = serializers.CharField(max_length=5000)
    decided_on = serializers.DateField(validators=[HAPPENED])
