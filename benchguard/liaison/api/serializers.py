from __future__ import annotations

from rest_framework import serializers

from benchguard.liaison.models import Agency, AgencyContact


class ContactSerializer(serializers.ModelSerializer[AgencyContact]):
    class Meta:
        model = AgencyContact
        fields = ["id", "name", "position", "office_phone", "mobile_phone", "note"]


class AgencySerializer(serializers.ModelSerializer[Agency]):
    contacts = ContactSerializer(many=True, read_only=True, source="active_contacts")

    class Meta:
        model = Agency
        fields = ["id", "court", "kind", "name", "address", "note", "contacts"]
