from __future__ import annotations

from rest_framework import serializers

from benchguard.cases.choices import Stage
from benchguard.interference.choices import InternalNature, Method, SourceKind
from benchguard.interference.models import Entry, PersonnelAction, QuarterReport


class EntrySerializer(serializers.ModelSerializer[Entry]):
    """An entry of the register, as its readers see it (the outsider's contact stays on
    the entry's page)."""

    judge_name = serializers.CharField(source="judge.name", read_only=True)
    right = serializers.CharField(source="right.code", read_only=True)
    amends = serializers.CharField(source="amends.number", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Entry
        fields = [
            "id", "court", "number", "right", "judge", "judge_name", "recorded_at", "by_supervisor",
            "source_kind", "internal_nature", "person_name", "person_unit", "person_post", "occurred_at",
            "method", "request", "case", "case_number", "stage", "response", "affected_handling", "amends",
            "amendment_reason",
        ]  # fmt: skip
        read_only_fields = fields


class RecordEntrySerializer(serializers.Serializer):
    judge = serializers.IntegerField()
    source_kind = serializers.ChoiceField(choices=SourceKind.choices)
    internal_nature = serializers.ChoiceField(choices=InternalNature.choices, required=False, default="")
    person_name = serializers.CharField(max_length=50)
    person_unit = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    person_post = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    person_contact = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    occurred_at = serializers.DateTimeField()
    method = serializers.ChoiceField(choices=Method.choices)
    request = serializers.CharField(max_length=5000)
    case_number = serializers.CharField(max_length=60)
    stage = serializers.ChoiceField(choices=Stage.choices)
    response = serializers.CharField(max_length=5000)
    affected_handling = serializers.BooleanField(required=False, default=False)


class AmendEntrySerializer(RecordEntrySerializer):
    judge = None  # type: ignore[assignment]
    amendment_reason = serializers.CharField(max_length=5000)


class ReferSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class QuarterReportSerializer(serializers.ModelSerializer[QuarterReport]):
    late = serializers.BooleanField(read_only=True)
    is_zero = serializers.BooleanField(read_only=True)

    class Meta:
        model = QuarterReport
        fields = [
            "id", "court", "year", "quarter", "due_on", "status", "entry_count", "is_zero", "late", "counts",
            "submitted_at", "committee_received_on", "higher_acknowledged_at", "version",
        ]  # fmt: skip
        read_only_fields = fields


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField(min_value=1)


class PersonnelActionSerializer(serializers.ModelSerializer[PersonnelAction]):
    """A personnel action; never its protection flag (the committee's pages show it)."""

    judge_name = serializers.CharField(source="judge.name", read_only=True)

    class Meta:
        model = PersonnelAction
        fields = [
            "id", "court", "judge", "judge_name", "kind", "ground", "procedure", "decided_on", "status",
            "opinion", "opinion_text", "reviewed_on", "version",
        ]  # fmt: skip
        read_only_fields = fields
