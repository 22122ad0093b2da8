"""Read-only committee API, scoped exactly like the pages (visible_to)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from rest_framework import viewsets

from benchguard.committee.api.serializers import MeetingSerializer, MembershipSerializer
from benchguard.committee.models import AgendaItem, CommitteeMembership, FollowUpAction, Meeting, Resolution


class MembershipViewSet(viewsets.ReadOnlyModelViewSet[CommitteeMembership]):
    """Committee and office terms (current and past) of the courts whose roster the caller sees."""

    serializer_class = MembershipSerializer

    def get_queryset(self) -> QuerySet[CommitteeMembership]:
        return (
            CommitteeMembership.objects.visible_to(self.request.user)
            .select_related("person")
            .order_by("court_id", "term_from", "id")
        )


class MeetingViewSet(viewsets.ReadOnlyModelViewSet[Meeting]):
    """Meetings the caller manages or was invited to, with agenda and resolutions."""

    serializer_class = MeetingSerializer

    def get_queryset(self) -> QuerySet[Meeting]:
        return (
            Meeting.objects.visible_to(self.request.user)
            .prefetch_related(
                Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order", "id")),
                Prefetch(
                    "resolutions",
                    queryset=Resolution.objects.order_by("id").prefetch_related(
                        Prefetch(
                            "actions",
                            queryset=FollowUpAction.objects.select_related("owner").order_by(
                                "due_date", "id"
                            ),
                        )
                    ),
                ),
            )
            .order_by("-scheduled_at", "-id")
        )
