from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from benchguard.core.documents import DocumentType
from benchguard.core.validators import PHONE
from benchguard.gate.models import Visit


class VisitSerializer(serializers.ModelSerializer[Visit]):
    """A visit as the gate's hardware sees it: the document only masked, and on hold
    only the instruction, never whom the visitor matched."""

    document = serializers.CharField(source="masked_document", read_only=True)
    host_name = serializers.CharField(source="host.name", read_only=True)
    slot = serializers.SerializerMethodField()

    class Meta:
        model = Visit
        fields = [
            "id",
            "post",
            "visitor_name",
            "document_kind",
            "document",
            "purpose",
            "host",
            "host_name",
            "arrived_at",
            "status",
            "escort_required",
            "departed_at",
            "slot",
            "version",
        ]
        read_only_fields = fields

    def get_slot(self, visit: Visit) -> str:
        deposit = getattr(visit, "deposit", None)
        return deposit.slot if deposit is not None and deposit.returned_at is None else ""


class CheckInSerializer(serializers.Serializer[Any]):
    post = serializers.IntegerField(label=_("Gatehouse"))
    visitor_name = serializers.CharField(max_length=50)
    document_kind = serializers.ChoiceField(choices=DocumentType.choices, default=DocumentType.RESIDENT_ID)
    document_number = serializers.CharField(max_length=30)
    purpose = serializers.CharField(max_length=200)
    host = serializers.IntegerField(label=_("Host (person id)"))
    slot = serializers.CharField(max_length=10)
    phone = serializers.CharField(
        max_length=20, required=False, allow_blank=True, default="", validators=[PHONE]
    )
