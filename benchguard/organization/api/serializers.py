from rest_framework import serializers

from benchguard.organization.models import WORK_DETAILS, Court, Department, Person


class CourtSerializer(serializers.ModelSerializer[Court]):
    class Meta:
        model = Court
        fields = ["id", "name", "short_name", "level", "case_code", "division_code", "parent"]


class DepartmentSummarySerializer(serializers.ModelSerializer[Department]):
    class Meta:
        model = Department
        fields = ["id", "name", "type"]


class PersonSerializer(serializers.ModelSerializer[Person]):
    """Work details only: private details (A18) are never served by the directory API."""

    court = serializers.StringRelatedField()  # type: ignore[var-annotated]
    court_id = serializers.IntegerField(read_only=True)
    department = DepartmentSummarySerializer(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "name_pinyin", "court_id", "court", *WORK_DETAILS, "version"]
        read_only_fields = fields
