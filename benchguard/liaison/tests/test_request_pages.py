"""The pages of the register of requests (A19): the list with its filters and overdue
badge, a request's page, sending (one submission, one record; a refused form keeps what
was typed), the answer, closing and withdrawing, the incident page's piece, the home
panel, and query counts that stay flat as requests grow."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from benchguard.core import once
from benchguard.incidents.choices import IncidentKind
from benchguard.incidents.demo import FIRST_PLACE
from benchguard.incidents.models import Incident
from benchguard.liaison.choices import AgencyKind, RequestStatus
from benchguard.liaison.models import Agency, LiaisonRequest
from benchguard.organization.models import Court, Person

pytestmark = pytest.mark.django_db
LIST = "/liaison/requests/"
SEND = "/liaison/requests/send/"
TOKEN = re.compile(r'name="_once" value="([A-Za-z0-9]{32})"')
Send = Callable[..., LiaisonRequest]


def _demo(reference: str) -> LiaisonRequest:
    return LiaisonRequest.objects.get(reference=reference)


def _page(client: Client, url: str, **query: Any) -> str:
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def _send_data(court: Court, bureau: Agency, **changes: Any) -> dict[str, Any]:
    today = timezone.localdate()
    data = {
        "court": court.pk,
        "agency": bureau.pk,
        "judge": Person.objects.get(account__username="judge").pk,
        "request_text": "请协助调查跟踪法官车辆的人员。",
        "reason": "连续三天在停车场等候。",
        "sent_on": today.isoformat(),
        "answer_by": (today + dt.timedelta(days=7)).isoformat(),
        "reference": "青中法警函〔2026〕41号",
    }
    data.update(changes)
    return data


def test_the_list_shows_the_courts_requests_with_the_overdue_one_marked(
    client_as: Callable[[str | None], Client],
) -> None:
    page = _page(client_as("leader"), LIST)
    for text in ("青岛市公安局", "青岛市委网信办", "青岛市律师协会", "请依法处置法院门前拉横幅"):
        assert text in page
    assert page.count('data-testid="overdue"') == 1
    assert reverse("liaison:request_send") not in page  # leaders read; the office and police send
    assert reverse("liaison:request_send") in _page(client_as("police"), LIST)


def test_the_filters_narrow_by_kind_status_and_overdue(client_as: Callable[[str | None], Client]) -> None:
    office = client_as("office")
    rows = lambda **q: list(office.get(LIST, q).context["page"])  # noqa: E731
    assert {r.agency.kind for r in rows(kind=AgencyKind.INTERNET_REGULATOR)} == {
        AgencyKind.INTERNET_REGULATOR
    }
    assert [r.reference for r in rows(status=RequestStatus.CLOSED)] == ["青中法权保函〔2026〕3号"]
    assert [r.reference for r in rows(overdue="on")] == ["青中法警函〔2026〕18号"]


def test_a_request_page_shows_the_overdue_badge_and_the_senders_actions(
    client_as: Callable[[str | None], Client],
) -> None:
    row = _demo("青中法警函〔2026〕18号")
    url = reverse("liaison:request_detail", args=[row.pk])
    page = _page(client_as("police"), url)
    assert 'data-testid="overdue"' in page
    assert reverse("liaison:request_answer", args=[row.pk]) in page
    assert reverse("liaison:request_withdraw", args=[row.pk]) in page
    assert reverse("incidents:incident_detail", args=[row.incident_id]) in page
    chair = _page(client_as("chair"), url)
    assert reverse("liaison:request_answer", args=[row.pk]) not in chair
    # The chair reads requests, and sees the incident too (a court-wide role of the register).
    assert reverse("incidents:incident_detail", args=[row.incident_id]) in chair


def test_a_matter_is_shown_only_to_who_sees_it(
    send: Send, court: Court, client_as: Callable[[str | None], Client]
) -> None:
    from benchguard.matters.models import Matter

    matter = Matter.objects.filter(court=court).first()
    assert matter is not None
    row = send("office", matter=matter)
    url = reverse("liaison:request_detail", args=[row.pk])
    assert matter.number in _page(client_as("office"), url)
    assert matter.number not in _page(client_as("police"), url)


@pytest.mark.parametrize("who", ["judge2", "judge", "outsider", "cityadmin", "admin"])
def test_who_does_not_read_requests_finds_none(who: str, client_as: Callable[[str | None], Client]) -> None:
    client = client_as(who)
    row = _demo("青中法警函〔2026〕18号")
    assert client.get(LIST).status_code == 403
    assert client.get(reverse("liaison:request_detail", args=[row.pk])).status_code == 404
    response = client.post(
        reverse("liaison:request_answer", args=[row.pk]),
        {"version": row.version, "answer": "x", "answered_on": timezone.localdate()},
    )
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.status == RequestStatus.SENT
    assert client.get("/api/liaison/requests/").json()["results"] == []


def test_a_request_sent_twice_is_one_record(
    client_as: Callable[[str | None], Client], court: Court, bureau: Agency
) -> None:
    office = client_as("office")
    token = TOKEN.search(_page(office, SEND))
    assert token is not None
    data = {**_send_data(court, bureau), once.FIELD: token[1]}
    first = office.post(SEND, data)
    second = office.post(SEND, data)
    assert first.status_code == second.status_code == 302
    [row] = LiaisonRequest.objects.filter(reference="青中法警函〔2026〕41号")
    assert first["Location"] == second["Location"] == reverse("liaison:request_detail", args=[row.pk])
    assert row.sent_by.username == "office" and row.status == RequestStatus.SENT


def test_a_refused_request_keeps_what_was_typed(
    client_as: Callable[[str | None], Client], court: Court, bureau: Agency
) -> None:
    police = client_as("police")
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = police.post(SEND, _send_data(court, bureau, answer_by=yesterday, case_number=""))
    assert response.status_code == 200
    assert "answer_by" in response.context["form"].errors
    page = response.content.decode()
    assert "请协助调查跟踪法官车辆的人员。" in page and "青中法警函〔2026〕41号" in page
    # The police read no cases: a case number they name is not found, and nothing is saved.
    response = police.post(SEND, _send_data(court, bureau, case_number="（2026）鲁02民初88号"))
    assert response.status_code == 200 and "case_number" in response.context["form"].errors
    assert "请协助调查跟踪法官车辆的人员。" in response.content.decode()
    assert not LiaisonRequest.objects.filter(reference="青中法警函〔2026〕41号").exists()


def test_a_reader_may_not_send(
    client_as: Callable[[str | None], Client], court: Court, bureau: Agency
) -> None:
    response = client_as("chair").post(SEND, _send_data(court, bureau))
    assert response.status_code == 403
    assert not LiaisonRequest.objects.filter(reference="青中法警函〔2026〕41号").exists()


def test_the_answer_then_closing_from_the_pages(
    send: Send, client_as: Callable[[str | None], Client]
) -> None:
    police = client_as("police")
    row = send(sent_on=timezone.localdate() - dt.timedelta(days=1))
    answer_url = reverse("liaison:request_answer", args=[row.pk])
    early = (timezone.localdate() - dt.timedelta(days=2)).isoformat()
    refused = police.post(answer_url, {"version": 1, "answer": "已出警。", "answered_on": early})
    assert refused.status_code == 200 and "answered_on" in refused.context["form"].errors
    assert "已出警。" in refused.content.decode()
    done = police.post(answer_url, {"version": 1, "answer": "已出警。", "answered_on": timezone.localdate()})
    assert done.status_code == 302 and done["Location"] == reverse("liaison:request_detail", args=[row.pk])
    stale = police.post(answer_url, {"version": 1, "answer": "再答。", "answered_on": timezone.localdate()})
    assert stale.status_code == 200 and stale.context["form"].non_field_errors()
    close = police.post(
        reverse("liaison:request_close", args=[row.pk]), {"version": 2, "follow_up": "已回访。"}
    )
    assert close.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.answer, row.follow_up) == (RequestStatus.CLOSED, "已出警。", "已回访。")


def test_withdrawing_from_the_page_needs_a_reason(
    send: Send, client_as: Callable[[str | None], Client]
) -> None:
    office = client_as("office")
    row = send()
    url = reverse("liaison:request_withdraw", args=[row.pk])
    assert office.post(url, {"version": 1, "reason": ""}).status_code == 200
    assert office.post(url, {"version": 1, "reason": "对方已处置。"}).status_code == 302
    row.refresh_from_db()
    assert row.status == RequestStatus.WITHDRAWN
    # A reader is refused before anything is read from the form.
    assert client_as("leader").get(url).status_code == 403


def test_the_incident_page_loads_its_requests_from_the_register(
    client_as: Callable[[str | None], Client],
) -> None:
    threat = Incident.objects.get(place=FIRST_PLACE)
    piece = reverse("liaison:incident_requests", args=[threat.pk])
    assert piece in _page(client_as("police"), reverse("incidents:incident_detail", args=[threat.pk]))
    page = _page(client_as("police"), piece)
    assert "青岛市公安局" in page and "已对当事人进行训诫" in page
    send_link = f"{SEND}?incident={threat.pk}&amp;kind=public_security"
    assert send_link in page
    # The leader reads requests but does not send them; the judge threatened sees the
    # incident but not its requests; a judge of another court not even the incident.
    leader = _page(client_as("leader"), piece)
    assert "青岛市公安局" in leader and send_link not in leader
    assert _page(client_as("judge"), piece) == ""
    assert client_as("judge2").get(piece).status_code == 404


def test_a_request_to_the_police_is_sent_from_the_incident_page(
    client_as: Callable[[str | None], Client], report: Callable[..., Any], bureau: Agency, court: Court
) -> None:
    incident = report(IncidentKind.DISTURBANCE)
    police = client_as("police")
    incident_url = reverse("incidents:incident_detail", args=[incident.pk])
    url = f"{SEND}?incident={incident.pk}&kind=public_security&next={incident_url}"
    form = police.get(url).context["form"]
    assert form["agency"].value() == bureau.pk and form["incident"].value() == incident.pk
    data = _send_data(court, bureau, incident=incident.pk, judge="")
    response = police.post(url, data)
    assert response.status_code == 302 and response["Location"] == incident_url
    row = LiaisonRequest.objects.get(reference="青中法警函〔2026〕41号")
    assert row.incident == incident and row.judge is None
    assert "请协助调查跟踪法官车辆的人员。" in _page(
        police, reverse("liaison:incident_requests", args=[incident.pk])
    )


def test_the_home_panel_shows_the_overdue_answers_to_the_office_and_police(
    client_as: Callable[[str | None], Client],
) -> None:
    for who in ("police", "office"):
        page = _page(client_as(who), "/")
        assert 'data-testid="liaison-overdue"' in page and "青岛市公安局" in page
    assert 'data-testid="liaison-overdue"' not in _page(client_as("leader"), "/")


def _grow(send: Send, count: int) -> None:
    today = timezone.localdate()
    for n in range(count):
        send(
            "office" if n % 2 else "police",
            sent_on=today - dt.timedelta(days=3),
            answer_by=today - dt.timedelta(days=1),
            reference=f"测试函{n}-{LiaisonRequest.objects.count()}",
        )


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "url", [LIST, f"{LIST}?overdue=on&kind=public_security", "/api/liaison/requests/", "/"]
)
def test_pages_do_not_grow_queries_with_requests(
    client_as: Callable[[str | None], Client], send: Send, url: str
) -> None:
    client = client_as("office")
    _grow(send, 2)
    small = _queries(client, url)
    _grow(send, 15)
    assert _queries(client, url) == small


def test_the_incident_piece_does_not_grow_queries_with_requests(
    client_as: Callable[[str | None], Client], send: Send
) -> None:
    threat = Incident.objects.get(place=FIRST_PLACE)
    url = reverse("liaison:incident_requests", args=[threat.pk])
    client = client_as("police")
    small = _queries(client, url)
    for n in range(5):
        send(incident=threat, reference=f"测试{n}")
    assert _queries(client, url) == small
