"""Searching the incident register (issue 9, point 5): by number, words, names, kind,
status and the days the incident happened; paginated; the Excel export follows the
search; the page's query count stays flat as rows grow. And the edit page after
someone else saved meanwhile (point 17)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from benchguard.core.models import AuditEntry
from benchguard.incidents import selectors, services
from benchguard.incidents.choices import IncidentKind, IncidentStatus
from benchguard.incidents.models import Incident

pytestmark = pytest.mark.django_db

TZ = dt.timezone(dt.timedelta(hours=8))
LIST = reverse("incidents:incident_list")


def found(client, **query) -> list[int]:
    response = client.get(LIST, query)
    assert response.status_code == 200
    return [incident.pk for incident in response.context["page"]]


@pytest.fixture
def register(report, person_of):
    """Three incidents of the intermediate court, told apart by every searched fact."""
    threat = report(
        IncidentKind.THREAT,
        place="法官住所小区东门",
        description="当事人扬言要报复。",
        perpetrator_description="穿灰色夹克的男子",
        targets=[person_of("member")],
    )
    disturbance = report(
        IncidentKind.DISTURBANCE,
        place="法院北门广场",
        description="五人拉横幅。",
        case_number="（2026）鲁02民初777号",
    )
    petition = report(
        IncidentKind.GROUP_PETITION,
        place="诉讼服务中心",
        description="购房户聚集。",
        case_judge=person_of("chief"),
    )
    return threat, disturbance, petition


def test_it_finds_by_number_words_and_names(register, client_as) -> None:
    threat, disturbance, petition = register
    ours = {threat.pk, disturbance.pk, petition.pk}
    police = client_as("police")

    def hits(q: str) -> set[int]:
        return set(found(police, q=q)) & ours  # the demo's incidents may match too

    assert hits(str(disturbance.pk)) == {disturbance.pk}
    assert hits(f"#{petition.pk}") == {petition.pk}
    assert hits(f"第{threat.pk}号") == {threat.pk}
    assert hits("横幅") == {disturbance.pk}  # the account
    assert hits("北门") == {disturbance.pk}  # the place
    assert hits("民初777") == {disturbance.pk}  # the case number
    assert hits("灰色夹克") == {threat.pk}  # the reporter's description of who did it
    assert hits("孙丽") == {threat.pk}  # a protected person
    assert hits("周海") == {petition.pk}  # the case judge
    assert hits("扬言 报复") == {threat.pk}  # every word must match
    assert hits("扬言 横幅") == set()


def test_it_finds_by_kind_and_status(register, client_as, persona) -> None:
    threat, disturbance, petition = register
    services.close_incident(actor=persona("police"), incident=disturbance, note="已处置完毕。")
    police = client_as("police")
    ours = {threat.pk, disturbance.pk, petition.pk}
    assert set(found(police, kind=IncidentKind.THREAT)) & ours == {threat.pk}
    assert set(found(police, status=IncidentStatus.CLOSED)) & ours == {disturbance.pk}
    assert set(found(police, status=IncidentStatus.OPEN, kind=IncidentKind.DISTURBANCE)) & ours == set()


def test_the_date_range_includes_both_days_in_the_courts_time(report, client_as) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 20, 9, 0, tzinfo=TZ), tick=False):
        at = {
            "before": dt.datetime(2026, 2, 28, 23, 59, tzinfo=TZ),
            "first": dt.datetime(2026, 3, 1, 0, 0, tzinfo=TZ),
            "last": dt.datetime(2026, 3, 10, 23, 59, tzinfo=TZ),
            "after": dt.datetime(2026, 3, 11, 0, 0, tzinfo=TZ),
        }
        made = {
            name: report(IncidentKind.CRIME, occurred_at=when, place=f"范围{name}").pk
            for name, when in at.items()
        }
        police = client_as("police")
        hits = set(found(police, occurred_from="2026-03-01", occurred_to="2026-03-10"))
        assert hits & set(made.values()) == {made["first"], made["last"]}
        assert set(found(police, occurred_from="2026-03-11")) & set(made.values()) == {made["after"]}
        assert set(found(police, occurred_to="2026-02-28")) & set(made.values()) == {made["before"]}


def test_a_reversed_range_is_refused_with_a_message_and_finds_nothing(register, client_as) -> None:
    response = client_as("police").get(
        LIST, {"q": "横幅", "occurred_from": "2026-03-10", "occurred_to": "2026-03-01"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["occurred_to"]
    assert form["q"].value() == "横幅"  # what was typed stays
    assert list(response.context["page"]) == []
    export = client_as("police").get(
        reverse("incidents:incident_export"), {"occurred_from": "2026-03-10", "occurred_to": "2026-03-01"}
    )
    assert export.status_code == 302


def test_the_search_stays_within_what_the_user_sees(register, report, base_court, client_as) -> None:
    theirs = report(IncidentKind.DISTURBANCE, actor="judge2", court=base_court, place="市南法院北门")
    assert theirs.pk not in found(client_as("police"), q="北门")
    assert found(client_as("police"), q=str(theirs.pk)) == []
    assert found(client_as("judge2"), q="北门") == [theirs.pk]


def test_the_results_come_a_page_at_a_time_with_the_search_kept(report, client_as) -> None:
    for index in range(51):
        report(IncidentKind.CRIME, place=f"翻页测试{index:02d}")
    police = client_as("police")
    first = police.get(LIST, {"q": "翻页测试"})
    assert len(first.context["page"]) == 50
    assert first.context["page"].paginator.count == 51
    assert "q=%E7%BF%BB%E9%A1%B5%E6%B5%8B%E8%AF%95&amp;page=2" in first.content.decode()
    second = police.get(LIST, {"q": "翻页测试", "page": 2})
    assert len(second.context["page"]) == 1


def test_the_export_follows_the_search(register, client_as) -> None:
    _threat, disturbance, _petition = register
    response = client_as("police").get(reverse("incidents:incident_export"), {"q": "北门"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [disturbance.pk]
    line = AuditEntry.objects.filter(action="incidents.incident.export").latest("id")
    assert line.data["count"] == 1 and line.data["searched"] == ["text"]
    assert "北门" not in str(line.data)  # what was searched by, never the values


@pytest.mark.parametrize("searched", [False, True], ids=["the register page", "a search"])
def test_the_register_costs_the_same_queries_as_it_grows(report, client_as, person_of, searched) -> None:
    judges = [person_of("judge"), person_of("member"), person_of("chief")]

    def add(count: int) -> None:
        for index in range(count):
            report(IncidentKind.THREAT, targets=judges[: 1 + index % 3], place=f"查询计数{index}")

    def queries() -> int:
        client = client_as("police")
        today = timezone.localdate().isoformat()
        search = {"q": "查询计数", "kind": IncidentKind.THREAT, "occurred_to": today, "status": "open"}
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST, search if searched else None)
        assert response.status_code == 200
        assert len(response.context["page"]) > 0
        return len(captured)

    add(3)
    few = queries()
    add(20)
    assert queries() == few


def test_the_selector_is_the_one_search(register, persona) -> None:
    threat, _disturbance, _petition = register
    found_ids = set(
        selectors.search_incidents(persona("police"), text="孙丽", kind=IncidentKind.THREAT).values_list(
            "pk", flat=True
        )
    )
    assert found_ids == {threat.pk}


# --- Point 17: the edit page after someone else saved ---------------------------------------------


def posted(form) -> dict[str, object]:
    """The form's fields as a browser would post them back unchanged."""
    data: dict[str, object] = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, dt.datetime):
            value = value.strftime("%Y-%m-%dT%H:%M")
        if value is None or value is False:
            continue
        data[name] = value
    return data


@pytest.mark.parametrize("kind", [IncidentKind.THREAT, IncidentKind.CRIME, IncidentKind.COURTROOM])
def test_a_stale_edit_of_an_incident_shows_the_stored_record_and_keeps_the_input(
    report, client_as, persona, kind
) -> None:
    # These kinds do not ask for the number of people: the edit form drops the field,
    # which made the stale notice a server error (a KeyError in core.forms.stored_values).
    incident = report(kind)
    url = reverse("incidents:incident_edit", args=[incident.pk])
    office = client_as("office")
    form = office.get(url).context["form"]
    assert "people_count" not in form.fields
    data = posted(form)
    services.update_incident(
        actor=persona("police"),
        incident=incident,
        expected_version=incident.version,
        changes={"place": "审判楼二楼"},
    )
    data["place"] = "审判楼三楼"
    response = office.post(url, data)
    assert response.status_code == 200
    assert [e.code for e in response.context["form"].non_field_errors().as_data()] == ["stale"]
    assert response.context["form"]["place"].value() == "审判楼三楼"
    stored = dict(response.context["current_values"])
    assert "审判楼二楼" in stored.values()
    assert Incident.objects.get(pk=incident.pk).place == "审判楼二楼"


def test_it_finds_by_exact_place_staff_category_and_court(
    register, report, person_of, base_court, client_as
) -> None:
    """The filters the leaders' overview links with (A30; A2/A28 by category)."""
    threat, disturbance, petition = register
    clerk_threat = report(IncidentKind.THREAT, place="法院北门", targets=[person_of("clerk")])
    police = client_as("police")
    assert found(police, place="法院北门广场") == [disturbance.pk]  # exact: not 法院北门
    member_and_clerk = set(found(police, category="quota_judge")) | set(
        found(police, category="support_staff")
    )
    assert {threat.pk, clerk_threat.pk} <= member_and_clerk
    assert clerk_threat.pk in found(police, category="support_staff")
    assert threat.pk not in found(police, category="support_staff")
    assert petition.pk not in found(police, category="quota_judge")  # the case judge is no protected person
    assert found(police, court=base_court.pk) == []
