"""A read compiled once gives what its queryset gives, for any arguments (issue 11)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from benchguard.core import audit
from benchguard.core.models import AuditEntry
from benchguard.core.prepared import PreparedRead

pytestmark = pytest.mark.django_db


def _entries(action: str, since: dt.date) -> QuerySet[Any, tuple[Any, ...]]:
    return (
        AuditEntry.objects.filter(action=action, created_at__date__gte=since)
        .order_by("pk")
        .values_list("pk", "action", "created_at")
    )


def test_it_returns_what_the_queryset_returns_for_every_argument() -> None:
    for action in ("test.prepared.one", "test.prepared.two", "test.prepared.two"):
        audit.record_event(actor=None, action=action)
    read = PreparedRead(_entries, action="sample", since=dt.date(2000, 1, 1))
    for action in ("test.prepared.one", "test.prepared.two", "test.prepared.none"):
        for since in (dt.date(2000, 1, 1), dt.date(2999, 1, 1)):
            expected = list(_entries(action, since))
            with CaptureQueriesContext(connection) as captured:
                got = read.rows(action=action, since=since)
            assert [tuple(row) for row in got] == expected
            assert len(captured) == 1
    # Converted as the queryset converts: a timestamp is an aware datetime, not text.
    [(_pk, _action, created_at)] = read.rows(action="test.prepared.one", since=dt.date(2000, 1, 1))
    assert isinstance(created_at, dt.datetime) and created_at.tzinfo is not None


def test_it_refuses_arguments_that_would_change_the_query() -> None:
    read = PreparedRead(_entries, action="sample", since=dt.date(2000, 1, 1))
    with pytest.raises(TypeError):
        read.rows(action="x", since=dt.datetime(2000, 1, 1, tzinfo=dt.UTC))

    def unused(action: str, since: dt.date) -> QuerySet[Any, tuple[Any, ...]]:
        return AuditEntry.objects.filter(action=action).values_list("pk")

    with pytest.raises(ValueError, match="does not reach"):
        PreparedRead(unused, action="sample", since=dt.date(2000, 1, 1)).rows(
            action="x", since=dt.date(2000, 1, 1)
        )
