from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from benchguard.core.validators import HAPPENED, PLANNED
from benchguard.liaison.models import Agency, AgencyContact, LiaisonRequest


class ContactSerializer(serializers.ModelSerializer[AgencyContact]):
    class Meta:
        model = AgencyContact
        fields = ["id", "name", "position", "office_phone", "mobile_phone", "note"]


class AgencySerializer(serializers.ModelSerializer[Agency]):
    contacts = ContactSerializer(many=True, read_only=True, source="active_contacts")

    class Meta:
        model = Agency
        fields = ["id", "court", "kind", "name", "address", "note", "contacts"]


class LiaisonRequestSerializer(serializers.ModelSerializer[LiaisonRequest]):
    """A request to an outside body. Its incident, case and matter are given only to a
    caller who sees them in their areas (the view's `visible` ids), else null."""

    agency_name = serializers.CharField(source="agency.name", read_only=True)
    agency_kind = serializers.CharField(source="agency.kind", read_only=True)
    sent_by = serializers.StringRelatedField()  # type: ignore[var-annotated]
    overdue = serializers.BooleanField(read_only=True)
    incident = serializers.SerializerMethodField()
    case = serializers.SerializerMethodField()
    matter = serializers.SerializerMethodField()

    class Meta:
        model = LiaisonRequest
        fields = [
            "id", "court", "agency", "agency_name", "agency_kind", "contact", "request_text", "reason",
            "judge", "incident", "case", "matter", "sent_on", "reference", "answer_by", "status", "overdue",
            "answer", "answered_on", "follow_up", "withdrawal_reason", "sent_by", "version",
        ]  # fmt: skip
        read_only_fields = fields

    def _shown(self, row: LiaisonRequest, name: str) -> int | None:
        pk = getattr(row, f"{name}_id")
        return pk if pk in self.context.get("visible", {}).get(name, set()) else None

    def get_incident(self, row: LiaisonRequest) -> int | None:
        return self._shown(row, "incident")

    def get_case(self, row: LiaisonRequest) -> int | None:
        return self._shown(row, "case")

    def get_matter(self, row: LiaisonRequest) -> int | None:
        return self._shown(row, "matter")


class SendRequestSerializer(serializers.Serializer):
    court = serializers.IntegerField()
    agency = serializers.IntegerField()
    contact = serializers.IntegerField(required=False, allow_null=True)
    request_text = serializers.CharField(max_length=5000)
    reason = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")
    judge = serializers.IntegerField(required=False, allow_null=True)
    incident = serializers.IntegerField(required=False, allow_null=True)
    case = serializers.IntegerField(required=False, allow_null=True)
    matter = serializers.IntegerField(required=False, allow_null=True)
    sent_on = serializers.DateField(validators=[HAPPENED])
    reference = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    answer_by = serializers.DateField(validators=[PLANNED])


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class AnswerSerializer(VersionSerializer):
    answer = serializers.CharField(max_length=5000)
    answered_on = serializers.DateField(validators=[HAPPENED])
    follow_up = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


# Its own name in the schema: liaison and alarm each have a CloseSerializer.
@extend_schema_serializer(component_name="LiaisonClose")
class CloseSerializer(VersionSerializer):
    follow_up = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class WithdrawSerializer(VersionSerializer):
    reason = serializers.CharField(max_length=5000)
