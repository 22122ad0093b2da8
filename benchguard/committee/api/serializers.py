from __future__ import annotations

from typing import Any

from rest_framework import serializers

from benchguard.committee import permissions
from benchguard.committee.models import AgendaItem, CommitteeMembership, FollowUpAction, Meeting, Resolution
from benchguard.committee.services import VOTE_FIELDS


class MembershipSerializer(serializers.ModelSerializer[CommitteeMembership]):
    person_name = serializers.CharField(source="person.name", read_only=True)

    class Meta:
        model = CommitteeMembership
        fields = [
            "id",
            "court",
            "person",
            "person_name",
            "position",
            "member_kind",
            "term_from",
            "term_to",
            "end_reason",
            "version",
        ]
        read_only_fields = fields


class AgendaItemSerializer(serializers.ModelSerializer[AgendaItem]):
    class Meta:
        model = AgendaItem
        fields = ["id", "order", "title", "shared_summary", "description"]
        read_only_fields = fields


class FollowUpActionSerializer(serializers.ModelSerializer[FollowUpAction]):
    owner_name = serializers.CharField(source="owner.name", read_only=True)

    class Meta:
        model = FollowUpAction
        fields = ["id", "owner", "owner_name", "description", "due_date", "status", "done_at"]
        read_only_fields = fields


class ResolutionSerializer(serializers.ModelSerializer[Resolution]):
    adopted = serializers.BooleanField(read_only=True)
    actions = FollowUpActionSerializer(many=True, read_only=True)

    class Meta:
        model = Resolution
        fields = ["id", "agenda_item", "text", *VOTE_FIELDS, "adopted", "actions"]
        read_only_fields = fields


class MeetingSerializer(serializers.ModelSerializer[Meeting]):
    """A meeting as its viewer may see it: members invited to it get the agenda's
    shared summaries, never the office's descriptions or the minutes."""

    agenda_items = AgendaItemSerializer(many=True, read_only=True)
    resolutions = ResolutionSerializer(many=True, read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "court",
            "kind",
            "title",
            "scheduled_at",
            "place",
            "status",
            "cancel_reason",
            "minutes",
            "agenda_items",
            "resolutions",
            "version",
        ]
        read_only_fields = fields

    def to_representation(self, instance: Meeting) -> dict[str, Any]:
        data: dict[str, Any] = super().to_representation(instance)
        request = self.context.get("request")
        if request is None or not permissions.can_manage_committee(request.user, instance.court_id):
            data.pop("minutes", None)
            for item in data.get("agenda_items", []):
                item.pop("description", None)
        return data
