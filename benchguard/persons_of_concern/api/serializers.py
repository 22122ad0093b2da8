from rest_framework import serializers

from benchguard.core.documents import DocumentType


class MatchQuerySerializer(serializers.Serializer):
    name = serializers.CharField(required=False, allow_blank=True, max_length=50, default="")
    document_kind = serializers.ChoiceField(choices=DocumentType.choices, required=False, allow_blank=True)
    document_number = serializers.CharField(required=False, allow_blank=True, max_length=30, default="")
    phone = serializers.CharField(required=False, allow_blank=True, max_length=20, default="")


class MatchSerializer(serializers.Serializer):
    person_id = serializers.IntegerField()
    score = serializers.IntegerField()
    reasons = serializers.ListField(child=serializers.CharField())
    controlled = serializers.BooleanField()
