"""The interference API (A7), scoped exactly like the pages (selectors) and logged like
them: a list logs the entries it returns, a detail is an `open_entry`. Entries are
recorded, amended and referred through the same services as the pages; there is no
update or delete (405). Refusals answer 400 by field, 403 or 409 (core.api)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from benchguard.interference import selectors, services
from benchguard.interference.api import serializers as s
from benchguard.interference.models import Entry, PersonnelAction, QuarterReport


class EntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Entry]):
    """The entries the caller reads, newest recorded first."""

    serializer_class = s.EntrySerializer

    def get_queryset(self) -> QuerySet[Entry]:
        return selectors.entries_for(self.request.user)

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        rows = list(page) if page is not None else list(self.get_queryset())
        services.list_entries(actor=request.user, entries=rows)
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entry = services.open_entry(actor=request.user, entry=self.get_object())
        return Response(self.get_serializer(entry).data)

    @extend_schema(request=s.RecordEntrySerializer, responses={201: s.EntrySerializer})
    def create(self, request: Request) -> Response:
        """Record an attempt to influence a case, as the record page does."""
        payload = s.RecordEntrySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        judge = selectors.recordable_judges_for(request.user).filter(pk=data.pop("judge")).first()
        if judge is None:
            raise ValidationError({"judge": [_("Choose yourself or a judge of a court you supervise.")]})
        entry = services.record_entry(actor=request.user, judge=judge, **data)
        return Response(self.get_serializer(entry).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AmendEntrySerializer, responses={201: s.EntrySerializer})
    @action(detail=True, methods=["post"])
    def amend(self, request: Request, pk: str | None = None) -> Response:
        entry = self.get_object()
        payload = s.AmendEntrySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        amendment = services.amend_entry(actor=request.user, entry=entry, **payload.validated_data)
        return Response(self.get_serializer(amendment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ReferSerializer, responses={201: None})
    @action(detail=True, methods=["post"])
    def refer(self, request: Request, pk: str | None = None) -> Response:
        entry = self.get_object()
        payload = s.ReferSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.refer_entry(actor=request.user, entry=entry, **payload.validated_data)
        return Response(status=status.HTTP_201_CREATED)


class QuarterReportViewSet(viewsets.ReadOnlyModelViewSet[QuarterReport]):
    """The quarterly reports the caller reads (counts only; the entries are on the page)."""

    serializer_class = s.QuarterReportSerializer

    def get_queryset(self) -> QuerySet[QuarterReport]:
        return selectors.reports_for(self.request.user)

    @extend_schema(request=s.VersionSerializer, responses=s.QuarterReportSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        payload = s.VersionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        report = services.submit_report(
            actor=request.user, report=report, expected_version=payload.validated_data["version"]
        )
        return Response(self.get_serializer(report).data)


class PersonnelActionViewSet(viewsets.ReadOnlyModelViewSet[PersonnelAction]):
    """The personnel actions the caller reads (never their protection flags)."""

    serializer_class = s.PersonnelActionSerializer

    def get_queryset(self) -> QuerySet[PersonnelAction]:
        return selectors.actions_for(self.request.user)
