"""The gate's pages and its API for the hardware: the desk typed by keyboard (the host by
initials), refusals that keep what the guard typed, the visits register (searched by
exact document number through the blind index, a flat number of queries), the Excel
export with masked documents only, the counts, and the API with the desk's validation."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from benchguard.core.documents import mask_document
from benchguard.gate import services
from benchguard.gate.choices import VisitStatus
from benchguard.gate.models import IdDeposit, Visit
from benchguard.gate.tests.conftest import (
    VISITOR,
    api_data,
    days_ahead,
    desk_data,
    new_id_number,
    new_slot,
    with_wrong_check,
)
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Person

pytestmark = pytest.mark.django_db


def error_codes(response, field: str) -> list[str | None]:
    return [error.code for error in response.context["form"].errors.as_data().get(field, [])]


# --- The desk -------------------------------------------------------------------------------------


def test_the_desk_resolves_a_host_typed_as_initials(client_as, gatehouse, person_of) -> None:
    data = desk_data(gatehouse)
    response = client_as("guard").post(reverse("gate:desk"), data)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('gate:desk')}?post={gatehouse.pk}"
    visit = Visit.objects.get(document_index=services.document_index("resident_id", data["document_number"]))
    assert visit.host == person_of("judge")
    assert visit.host.name == "王立明"
    assert visit.visitor_name == "孟凡超"
    assert visit.status == VisitStatus.PENDING
    assert IdDeposit.objects.get(visit=visit).slot == data["slot"]


def test_an_ambiguous_host_asks_the_guard_to_choose(client_as, gatehouse) -> None:
    several = Person.objects.filter(court=gatehouse.court, is_active=True, name__contains="丽")
    assert several.count() > 1  # 孙丽 and 徐丽华
    visits = Visit.objects.count()
    data = desk_data(gatehouse, host_query="丽")
    response = client_as("guard").post(reverse("gate:desk"), data)
    assert response.status_code == 400
    assert error_codes(response, "host") == ["choose_host"]
    html = response.content.decode()
    assert 'data-field-error="host"' in html
    assert 'value="丽"' in html
    assert 'value="孟凡超"' in html
    assert f'value="{data["document_number"]}"' in html
    for person in several:
        assert f'<option value="{person.pk}"' in html
    assert Visit.objects.count() == visits

    chosen = several.order_by("pk").first()
    assert chosen is not None
    response = client_as("guard").post(reverse("gate:desk"), {**data, "host": chosen.pk})
    assert response.status_code == 302
    assert Visit.objects.get(visitor_name="孟凡超", host=chosen).status == VisitStatus.PENDING


def test_a_host_no_one_matches_is_refused(client_as, gatehouse) -> None:
    response = client_as("guard").post(reverse("gate:desk"), desk_data(gatehouse, host_query="qqqq"))
    assert response.status_code == 400
    assert error_codes(response, "host_query") == ["no_host"]


def test_a_wrong_checksum_at_the_desk_keeps_the_input(client_as, gatehouse) -> None:
    visits = Visit.objects.count()
    wrong = with_wrong_check(new_id_number())
    response = client_as("guard").post(reverse("gate:desk"), desk_data(gatehouse, document_number=wrong))
    assert response.status_code == 400
    assert error_codes(response, "document_number") == ["checksum"]
    html = response.content.decode()
    assert 'data-field-error="document_number"' in html
    assert 'value="孟凡超"' in html
    assert f'value="{wrong}"' in html
    assert Visit.objects.count() == visits


def test_the_desk_confirms_by_phone_and_checks_out(client_as, visitor) -> None:
    visit = visitor()
    guard = client_as("guard")
    assert guard.post(reverse("gate:confirm_phone", args=[visit.pk])).status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.ADMITTED
    assert guard.post(reverse("gate:check_out", args=[visit.pk])).status_code == 302
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DEPARTED
    assert IdDeposit.objects.get(visit=visit).returned_at is not None


# --- The register ---------------------------------------------------------------------------------


def test_the_police_search_visits_by_exact_document_number(client_as, visitor) -> None:
    number = new_id_number()
    wanted = visitor(document_number=number)
    visitor()
    police = client_as("police")
    for typed in (number, f"{number[:6]} {number[6:]}".lower()):
        response = police.post(reverse("gate:visit_list"), {"document_number": typed}, follow=True)
        assert response.status_code == 200
        assert [v.pk for v in response.context["page"]] == [wanted.pk]
        export = police.get(reverse("gate:visit_export"))  # the export follows the search
        assert len(list(load_workbook(io.BytesIO(export.content)).worksheets[0].iter_rows())) == 2
    # Part of a number finds nothing: the index is of the whole number.
    response = police.post(reverse("gate:visit_list"), {"document_number": number[:10]}, follow=True)
    assert list(response.context["page"]) == []
    police.get(reverse("gate:visit_list") + "?clear=1")
    html = police.get(reverse("gate:visit_list")).content.decode()
    assert number not in html
    assert mask_document(number) in html


def test_the_visits_list_takes_a_flat_number_of_queries(client_as, visitor) -> None:
    police = client_as("police")
    for _ in range(3):
        visitor()
    police.get(reverse("gate:visit_list"))  # warm up (session, caches)
    with CaptureQueriesContext(connection) as few:
        assert police.get(reverse("gate:visit_list")).status_code == 200
    for _ in range(20):
        visitor()
    with CaptureQueriesContext(connection) as many:
        response = police.get(reverse("gate:visit_list"))
    assert len(response.context["page"]) >= 23
    assert len(many) == len(few)


def test_a_check_in_at_the_desk_takes_at_most_thirteen_queries(client_as, gatehouse) -> None:
    """Issue 11: the session, the account with its roles (one query), the post, the
    host, the screening (one UNION ALL), the visit and its audit line (three), the
    deposit, the look for a flagged case's party (issue 12: one), and on SQLite BEGIN
    and COMMIT. A host with an account adds the insert of
    their notification (and the queued e-mail)."""
    host = (
        Person.objects.filter(court=gatehouse.court, is_active=True, account__isnull=True)
        .exclude(staff_number="")
        .first()
    )
    assert host is not None
    guard = client_as("guard")
    guard.post(reverse("gate:desk"), desk_data(gatehouse, host_query=host.staff_number))  # warm up
    with CaptureQueriesContext(connection) as captured:
        response = guard.post(reverse("gate:desk"), desk_data(gatehouse, host_query=host.staff_number))
    assert response.status_code == 302
    assert Visit.objects.filter(host=host).count() == 2
    assert len(captured) <= 13, "\n".join(q["sql"][:120] for q in captured.captured_queries)


@pytest.mark.parametrize("username", ["guard", "judge", "clerk"])
def test_the_register_is_not_for_the_desk_or_the_judges(client_as, username) -> None:
    for name in ("gate:visit_list", "gate:visit_export", "gate:counts"):
        assert client_as(username).get(reverse(name)).status_code == 403


def test_the_export_holds_masked_documents_only(client_as, visitor) -> None:
    ours = [visitor(), visitor(document_kind="passport", document_number="E76543210")]
    response = client_as("police").get(reverse("gate:visit_export"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    cells = [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value
    ]
    text = "\n".join(cells)
    numbers = [v.document_number for v in Visit.objects.exclude(document_number="")]
    assert len(numbers) >= len(ours) + 5  # ours and the demo's
    for number in numbers:
        assert number not in text
    for visit in ours:
        assert visit.masked_document in cells
        assert VISITOR in cells


def test_the_counts_show_todays_visits(client_as, visitor) -> None:
    moment = days_ahead(40)  # the demo's visits fall out of the last 31 days
    with time_machine.travel(moment, tick=False):
        visitor()
        visitor()
        # held: the exact name of a listed person with no passport on file
        visitor(visitor_name="单立新", document_kind="passport", document_number="E70000001")
        response = client_as("police").get(reverse("gate:counts"))
    assert response.status_code == 200
    daily = response.context["daily"]
    assert daily[0]["day"] == moment.date()
    assert (daily[0]["n"], daily[0]["holds"]) == (3, 1)
    assert [row["day"] for row in daily] == [moment.date()]
    assert response.context["monthly"][0]["n"] >= 3
    assert 'data-testid="daily"' in response.content.decode()


# --- The API --------------------------------------------------------------------------------------


def test_the_api_checks_a_visitor_in(client_as, gatehouse, person_of) -> None:
    data = api_data(gatehouse, person_of)
    response = client_as("guard").post(reverse("api-gate-visit-list"), data, content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == VisitStatus.PENDING
    assert body["slot"] == data["slot"]
    assert body["host"] == person_of("judge").pk
    assert body["document"] == mask_document(data["document_number"])
    assert data["document_number"] not in response.content.decode()
    visit = Visit.objects.get(pk=body["id"])
    assert visit.document_number == data["document_number"]


def test_the_api_validates_as_the_desk_does(client_as, gatehouse, person_of) -> None:
    guard, visits = client_as("guard"), Visit.objects.count()
    url = reverse("api-gate-visit-list")
    wrong = api_data(gatehouse, person_of, document_number=with_wrong_check(new_id_number()))
    response = guard.post(url, wrong, content_type="application/json")
    assert response.status_code == 400
    assert "document_number" in response.json()

    other_court = api_data(gatehouse, person_of, host=person_of("judge2").pk)
    response = guard.post(url, other_court, content_type="application/json")
    assert response.status_code == 400
    assert "host" in response.json()

    number, slot = new_id_number(), new_slot()
    assert (
        guard.post(
            url, api_data(gatehouse, person_of, document_number=number), content_type="application/json"
        ).status_code
        == 201
    )
    response = guard.post(
        url, api_data(gatehouse, person_of, document_number=number), content_type="application/json"
    )
    assert response.status_code == 400
    assert "document_number" in response.json()
    assert (
        guard.post(
            url, api_data(gatehouse, person_of, slot=slot), content_type="application/json"
        ).status_code
        == 201
    )
    response = guard.post(url, api_data(gatehouse, person_of, slot=slot), content_type="application/json")
    assert response.status_code == 400
    assert "slot" in response.json()
    assert Visit.objects.count() == visits + 2


def test_the_api_checks_out_once(client_as, visitor, persona) -> None:
    visit = services.confirm(actor=persona("judge"), visit=visitor())
    guard = client_as("guard")
    url = reverse("api-gate-visit-check-out", args=[visit.pk])
    first = guard.post(url)
    assert first.status_code == 200
    assert first.json()["status"] == VisitStatus.DEPARTED
    assert first.json()["departed_at"] is not None
    assert first.json()["slot"] == ""  # handed back
    second = guard.post(url)
    assert second.status_code == 400
    visit.refresh_from_db()
    assert visit.status == VisitStatus.DEPARTED


def test_the_api_does_not_check_out_a_visitor_not_admitted(client_as, visitor) -> None:
    visit = visitor()
    response = client_as("guard").post(reverse("api-gate-visit-check-out", args=[visit.pk]))
    assert response.status_code == 400
    visit.refresh_from_db()
    assert visit.status == VisitStatus.PENDING


def test_the_judge_is_refused_by_the_api(client_as, gatehouse, person_of, visitor) -> None:
    judge, visits = client_as("judge"), Visit.objects.count()
    response = judge.post(
        reverse("api-gate-visit-list"), api_data(gatehouse, person_of), content_type="application/json"
    )
    assert response.status_code == 403
    assert judge.get(reverse("api-gate-visit-list")).status_code == 403
    assert judge.post(reverse("api-gate-visit-check-out", args=[visitor().pk])).status_code == 403
    assert Visit.objects.count() == visits + 1  # only the visitor() the guard registered


def test_the_api_answers_401_to_no_one(client_as, gatehouse, person_of) -> None:
    response = client_as(None).post(
        reverse("api-gate-visit-list"), api_data(gatehouse, person_of), content_type="application/json"
    )
    assert response.status_code == 401


def test_a_second_click_on_check_out_is_told_not_an_error(visitor, persona, client_as) -> None:
    from django.contrib.messages import get_messages

    from benchguard.gate.choices import ConfirmedVia

    guard = persona("guard")
    visit = services.confirm(actor=guard, visit=visitor(), via=ConfirmedVia.PHONE)
    client = client_as("guard")
    url = reverse("gate:check_out", args=[visit.pk])
    assert client.post(url).status_code == 302
    second = client.post(url)
    assert second.status_code == 302  # back to the page with a message, never a server error
    # The first click's success is still unread (the redirect was not followed).
    assert [m.level_tag for m in get_messages(second.wsgi_request)] == ["success", "error"]
    visit.refresh_from_db()
    assert visit.status == "departed"


def test_the_register_opens_narrowed_as_the_leaders_overview_links_it(client_as, visitor) -> None:
    """status, held, month and court by GET (no visitor data in the address, A30)."""
    held = visitor(visitor_name="张某某", document_number=demo_id_number("19750308", "031"))
    plain = visitor()
    leader = client_as("leader")

    def shown(**query: str) -> set[int]:
        response = leader.get(reverse("gate:visit_list"), query)
        assert response.status_code == 200
        return {visit.pk for visit in response.context["page"].paginator.object_list}

    assert held.pk in shown(status=VisitStatus.ON_HOLD) and plain.pk not in shown(status=VisitStatus.ON_HOLD)
    month = timezone.localtime(held.arrived_at).strftime("%Y-%m")
    assert held.pk in shown(held="on", month=month) and plain.pk not in shown(held="on", month=month)
    assert shown(month="2026-13") == set()  # a malformed month finds nothing, not everything
    assert shown(court=str(held.court_id + 1000)) == set()
