"""The requests API (A19): scoped like the pages, written through the same services;
refusals answer 400 by field, a stale version 409, a caller who may not act 403; a
retried POST with the same Idempotency-Key makes one request."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from benchguard.liaison.choices import RequestStatus
from benchguard.liaison.models import Agency, LiaisonRequest
from benchguard.matters.models import Matter
from benchguard.organization.models import Court, Person

pytestmark = pytest.mark.django_db
API = "/api/liaison/requests/"
Send = Callable[..., LiaisonRequest]


def _payload(court: Court, agency: Agency, **changes: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "court": court.pk,
        "agency": agency.pk,
        "judge": Person.objects.get(account__username="judge").pk,
        "request_text": "请协助核查网络帖文来源。",
        "sent_on": today.isoformat(),
        "answer_by": (today + dt.timedelta(days=5)).isoformat(),
        "reference": "API-1",
        **changes,
    }


def test_readers_list_the_courts_requests_and_filter_the_overdue(
    client_as: Callable[[str | None], Client],
) -> None:
    rows = client_as("leader").get(API).json()["results"]
    assert {row["reference"] for row in rows} >= {"青中法警函〔2026〕15号", "青中法警函〔2026〕18号"}
    [overdue] = client_as("police").get(API, {"overdue": "true"}).json()["results"]
    assert overdue["reference"] == "青中法警函〔2026〕18号" and overdue["overdue"] is True
    assert client_as("judge").get(API).json()["results"] == []
    assert Client().get(API).status_code == 401


def test_a_record_is_named_only_to_who_sees_it(
    send: Send, court: Court, client_as: Callable[[str | None], Client]
) -> None:
    matter = Matter.objects.filter(court=court).first()
    assert matter is not None
    row = send("office", matter=matter)
    url = f"{API}{row.pk}/"
    assert client_as("office").get(url).json()["matter"] == matter.pk
    assert client_as("police").get(url).json()["matter"] is None  # the police read no matters
    assert client_as("judge2").get(url).status_code == 404


def test_the_office_sends_once_whatever_the_retries(
    client_as: Callable[[str | None], Client], court: Court, bureau: Agency
) -> None:
    office = client_as("office")
    headers = {"Idempotency-Key": "liaison-api-0001"}
    first = office.post(API, _payload(court, bureau), content_type="application/json", headers=headers)
    again = office.post(API, _payload(court, bureau), content_type="application/json", headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert LiaisonRequest.objects.filter(reference="API-1").count() == 1
    assert first.json()["status"] == RequestStatus.SENT


def test_refusals_answer_by_field_and_nothing_is_saved(
    client_as: Callable[[str | None], Client], court: Court, shinan_body: Agency, bureau: Agency
) -> None:
    office = client_as("office")
    response = office.post(API, _payload(court, shinan_body), content_type="application/json")
    assert response.status_code == 400 and "agency" in response.json()
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = office.post(API, _payload(court, bureau, answer_by=yesterday), content_type="application/json")
    assert response.status_code == 400 and "answer_by" in response.json()
    response = client_as("leader").post(API, _payload(court, bureau), content_type="application/json")
    assert response.status_code == 403
    assert not LiaisonRequest.objects.filter(reference="API-1").exists()


def test_the_transitions_and_a_stale_version(send: Send, client_as: Callable[[str | None], Client]) -> None:
    police = client_as("police")
    row = send()
    today = timezone.localdate().isoformat()
    url = f"{API}{row.pk}/"
    answered = police.post(f"{url}answer/", {"version": 1, "answer": "已处置。", "answered_on": today})
    assert answered.status_code == 200 and answered.json()["status"] == RequestStatus.ANSWERED
    stale = police.post(f"{url}answer/", {"version": 1, "answer": "再答。", "answered_on": today})
    assert stale.status_code == 409
    refused = police.post(f"{url}withdraw/", {"version": 2, "reason": "撤回"})
    assert refused.status_code == 400  # an answered request is not withdrawn
    closed = police.post(f"{url}close/", {"version": 2})
    assert closed.status_code == 200 and closed.json()["status"] == RequestStatus.CLOSED
    assert client_as("leader").post(f"{url}close/", {"version": 3}).status_code == 403
