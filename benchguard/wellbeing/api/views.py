"""The wellbeing API (A22–A24): thin viewsets over the pages' selectors and services."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.wellbeing import selectors, services
from benchguard.wellbeing.api.serializers import (
    ActivitySerializer,
    CounsellingSessionSerializer,
    LeaveRecordSerializer,
    PayIssueSerializer,
    ResolvePaySerializer,
)
from benchguard.wellbeing.models import Activity, CounsellingSession, LeaveRecord, PayIssue


class LeaveRecordViewSet(viewsets.ReadOnlyModelViewSet):
    """Leave recorded in the courts whose leave the caller reads, and their own."""

    serializer_class = LeaveRecordSerializer

    def get_queryset(self) -> QuerySet[LeaveRecord]:
        return (
            LeaveRecord.objects.visible_to(self.request.user)
            .select_related("person")
            .order_by("-starts_on", "-id")
        )


class PayIssueViewSet(viewsets.ReadOnlyModelViewSet):
    """Pay problems the caller reads; `resolve` closes one (personnel office)."""

    serializer_class = PayIssueSerializer

    def get_queryset(self) -> QuerySet[PayIssue]:
        return selectors.pay_issues_for(self.request.user)

    @action(detail=True, methods=["post"], serializer_class=ResolvePaySerializer)
    def resolve(self, request: Request, pk: Any = None) -> Response:
        issue = self.get_object()
        body = ResolvePaySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        issue = services.resolve_pay_issue(
            actor=request.user,
            issue=issue,
            resolution=data["resolution"],
            resolved_on=data["resolved_on"],
            expected_version=data["version"],
        )
        return Response(PayIssueSerializer(issue).data)


class CounsellingSessionViewSet(viewsets.ReadOnlyModelViewSet):
    """The caller's own counselling sessions (as counsellor or as the person): nobody
    else's, whatever their role (A23)."""

    serializer_class = CounsellingSessionSerializer

    def get_queryset(self) -> QuerySet[CounsellingSession]:
        return selectors.sessions_for(self.request.user).order_by("-starts_at", "-id")

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        session = services.open_session(actor=request.user, session=self.get_object())
        return Response(CounsellingSessionSerializer(session).data)


class ActivityViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Activities and lectures of the caller's courts, with their attendance counts."""

    serializer_class = ActivitySerializer

    def get_queryset(self) -> QuerySet[Activity]:
        return selectors.activities_for(self.request.user)


__all__ = ["ActivityViewSet", "CounsellingSessionViewSet", "LeaveRecordViewSet", "PayIssueViewSet"]
