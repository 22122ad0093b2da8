"""One-time submission (issue 9, point 3): a form sent twice with its token creates one
record and lands the second POST on the first one's page; a refused first POST lets the
token go; a POST still in flight is never run twice; an API POST repeated with the same
Idempotency-Key returns the first answer."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchguard.core import once
from benchguard.core.choices import OnceKind
from benchguard.core.models import AuditEntry, OnceSubmission
from benchguard.core.tasks import prune_once_submissions
from benchguard.gate.models import Visit
from benchguard.gate.tests.conftest import new_id_number, new_slot
from benchguard.matters.models import Matter
from benchguard.matters.tests.conftest import application_data as application
from benchguard.organization.models import Account

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="_once" value="([A-Za-z0-9]{32})"')


def token_of(client: Client, url: str) -> str:
    """The one-time token of the (first) form on the page, as the browser would send it."""
    page = client.get(url)
    assert page.status_code == 200
    found = TOKEN.search(page.content.decode())
    assert found, f"{url} has no one-time token"
    return found[1]


def texts(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_each_form_on_a_page_gets_its_own_token(client_as: Callable[[str | None], Client]) -> None:
    page = client_as("judge").get("/matters/apply/").content.decode()
    again = client_as("judge").get("/matters/apply/").content.decode()
    assert len(TOKEN.findall(page)) == 1
    assert TOKEN.findall(page) != TOKEN.findall(again)


def test_an_application_sent_twice_is_one_matter_with_one_number(
    client_as: Callable[[str | None], Client],
) -> None:
    judge = client_as("judge")
    data = {**application(), once.FIELD: token_of(judge, "/matters/apply/")}
    before = Matter.objects.count()
    first = judge.post("/matters/apply/", data)
    assert first.status_code == 302
    second = judge.post("/matters/apply/", data)
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Matter.objects.count() == before + 1
    assert texts(second)[-1] == "此表单已经提交过，以下是第一次提交的结果。"
    claim = OnceSubmission.objects.get(key=data[once.FIELD])
    assert claim.finished_at is not None and claim.location == first["Location"]


def test_a_refused_first_post_lets_the_token_go_for_the_corrected_form(
    client_as: Callable[[str | None], Client],
) -> None:
    judge = client_as("judge")
    token = token_of(judge, "/matters/apply/")
    refused = judge.post("/matters/apply/", {**application(facts=""), once.FIELD: token})
    assert refused.status_code == 200
    assert refused.context["form"].errors["facts"]
    assert not OnceSubmission.objects.filter(key=token).exists()
    before = Matter.objects.count()
    corrected = judge.post("/matters/apply/", {**application(), once.FIELD: token})
    assert corrected.status_code == 302
    assert Matter.objects.count() == before + 1


def test_a_second_post_while_the_first_is_in_flight_never_runs_the_service(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account]
) -> None:
    judge = client_as("judge")
    token = token_of(judge, "/matters/apply/")
    OnceSubmission.objects.create(
        account=persona("judge"),
        kind=OnceKind.FORM,
        key=token,
        path="/matters/apply/",
        request_id="first-request",
    )
    before = Matter.objects.count()
    response = judge.post("/matters/apply/", {**application(), once.FIELD: token})
    assert response.status_code == 409
    assert "第一次提交仍在处理中" in response.content.decode()
    assert Matter.objects.count() == before


def test_the_wait_ends_when_the_first_post_finishes(persona: Callable[[str], Account]) -> None:
    row = OnceSubmission.objects.create(
        account=persona("judge"), kind=OnceKind.FORM, key="k" * 32, path="/matters/apply/", request_id="first"
    )
    waits: list[float] = []

    def first_finishes(seconds: float) -> None:
        waits.append(seconds)
        OnceSubmission.objects.filter(pk=row.pk).update(finished_at=timezone.now(), location="/matters/1/")

    done = once.wait_for(row, seconds=60, sleep=first_finishes)
    assert done is not None and done.location == "/matters/1/"
    assert waits == [once.POLL_SECONDS]


def test_a_claim_whose_request_died_without_a_change_is_taken_over(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account]
) -> None:
    judge = client_as("judge")
    token = token_of(judge, "/matters/apply/")
    with time_machine.travel(timezone.now() - once.STALE_AFTER - timedelta(seconds=1)):
        OnceSubmission.objects.create(
            account=persona("judge"), kind=OnceKind.FORM, key=token, path="/matters/apply/", request_id="died"
        )
    before = Matter.objects.count()
    assert judge.post("/matters/apply/", {**application(), once.FIELD: token}).status_code == 302
    assert Matter.objects.count() == before + 1


def test_another_account_cannot_use_up_a_token(client_as: Callable[[str | None], Client]) -> None:
    judge = client_as("judge")
    token = token_of(judge, "/matters/apply/")
    assert (
        client_as("member").post("/matters/apply/", {**application(), once.FIELD: token}).status_code == 302
    )
    before = Matter.objects.count()
    assert judge.post("/matters/apply/", {**application(), once.FIELD: token}).status_code == 302
    assert Matter.objects.count() == before + 1


def test_a_post_without_a_token_works_as_before(client_as: Callable[[str | None], Client]) -> None:
    judge = client_as("judge")
    before = Matter.objects.count()
    assert judge.post("/matters/apply/", application()).status_code == 302
    assert judge.post("/matters/apply/", application()).status_code == 302
    assert Matter.objects.count() == before + 2
    assert not OnceSubmission.objects.exists()


def test_a_week_old_token_is_pruned_by_the_daily_job(persona: Callable[[str], Account]) -> None:
    with time_machine.travel(timezone.now() - once.RETENTION - timedelta(hours=1)):
        old = OnceSubmission.objects.create(
            account=persona("judge"), kind=OnceKind.FORM, key="o" * 32, path="/", request_id="old"
        )
    recent = OnceSubmission.objects.create(
        account=persona("judge"), kind=OnceKind.FORM, key="r" * 32, path="/", request_id="recent"
    )
    assert prune_once_submissions.call() == 1
    assert list(OnceSubmission.objects.filter(pk__in=[old.pk, recent.pk])) == [recent]
    assert AuditEntry.objects.filter(action="core.once.pruned").last().data["count"] == 1  # type: ignore[union-attr]


# --- API: Idempotency-Key -----------------------------------------------------------------


@pytest.fixture
def visit_data(person_of: Callable[[str], object]) -> dict[str, object]:
    from benchguard.gate.demo import GATEHOUSE
    from benchguard.gate.models import Post

    gatehouse = Post.objects.get(court__division_code="370200", name=GATEHOUSE)
    return {
        "post": gatehouse.pk,
        "visitor_name": "孟凡超",
        "document_kind": "resident_id",
        "document_number": new_id_number(),
        "purpose": "领取判决书",
        "host": person_of("judge").pk,  # type: ignore[attr-defined]
        "slot": new_slot(),
    }


def test_two_api_posts_with_one_idempotency_key_make_one_visit(
    client_as: Callable[[str | None], Client], visit_data: dict[str, object]
) -> None:
    guard, url = client_as("guard"), reverse("api-gate-visit-list")
    before = Visit.objects.count()
    headers = {"Idempotency-Key": "desk-7f3a9c21"}
    first = guard.post(url, visit_data, content_type="application/json", headers=headers)
    assert first.status_code == 201
    second = guard.post(url, visit_data, content_type="application/json", headers=headers)
    assert second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Visit.objects.count() == before + 1


def test_the_same_key_on_a_different_request_is_refused(
    client_as: Callable[[str | None], Client], visit_data: dict[str, object]
) -> None:
    guard, url = client_as("guard"), reverse("api-gate-visit-list")
    headers = {"Idempotency-Key": "desk-7f3a9c22"}
    assert guard.post(url, visit_data, content_type="application/json", headers=headers).status_code == 201
    before = Visit.objects.count()
    other = {**visit_data, "document_number": new_id_number(), "slot": new_slot()}
    response = guard.post(url, other, content_type="application/json", headers=headers)
    assert response.status_code == 422
    assert response.json()["detail"] == "此 Idempotency-Key 已用于另一个不同的请求。"
    assert Visit.objects.count() == before


def test_an_api_call_refused_by_validation_can_be_retried_with_its_key(
    client_as: Callable[[str | None], Client], visit_data: dict[str, object]
) -> None:
    guard, url = client_as("guard"), reverse("api-gate-visit-list")
    headers = {"Idempotency-Key": "desk-7f3a9c23"}
    refused = guard.post(
        url, {**visit_data, "visitor_name": ""}, content_type="application/json", headers=headers
    )
    assert refused.status_code == 400
    assert guard.post(url, visit_data, content_type="application/json", headers=headers).status_code == 201


def test_an_api_key_in_flight_answers_409_and_a_bad_key_400(
    client_as: Callable[[str | None], Client],
    visit_data: dict[str, object],
    persona: Callable[[str], Account],
) -> None:
    guard, url = client_as("guard"), reverse("api-gate-visit-list")
    before = Visit.objects.count()
    bad = guard.post(url, visit_data, content_type="application/json", headers={"Idempotency-Key": "x"})
    assert bad.status_code == 400
    from django.test import RequestFactory

    probe = RequestFactory().post(url, visit_data, content_type="application/json")
    OnceSubmission.objects.create(
        account=persona("guard"),
        kind=OnceKind.API,
        key="desk-inflight",
        path=url,
        request_id="first",
        fingerprint=once.fingerprint(probe),
    )
    busy = guard.post(
        url, visit_data, content_type="application/json", headers={"Idempotency-Key": "desk-inflight"}
    )
    assert busy.status_code == 409
    assert Visit.objects.count() == before


def test_every_post_form_in_the_templates_carries_its_one_time_token() -> None:
    """A new form without `{% once_token %}` would make two records of a double click:
    every template's `{% csrf_token %}` is followed by one, except the sign-in page, the
    two forms on every page (sign-out, language) and look-ups sent by POST to keep what
    was typed out of the address (marked `{# lookup: … #}`), which change no record."""
    from pathlib import Path

    import benchguard

    root = Path(benchguard.__file__).parent
    exempt = {"templates/registration/login.html", "templates/base.html"}
    missing = []
    for path in sorted(root.rglob("*.html")):
        relative = path.relative_to(root).as_posix()
        if relative in exempt:
            continue
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"\{% csrf_token %\}", text):
            after = text[match.end() :]
            form_tag = text[text.rfind("<form", 0, match.start()) : match.start()]
            if "{% url 'logout' %}" in form_tag:
                continue  # signing out makes no record (the second-factor page has its own)
            if not after.startswith(("{% once_token %}", "{# lookup:")):
                line = text.count("\n", 0, match.start()) + 1
                missing.append(f"{relative}:{line}")
    assert missing == []


def test_a_used_token_sent_with_another_form_is_not_taken_for_a_repeat(
    client_as: Callable[[str | None], Client],
) -> None:
    """A browser can put a kept token back into a page that changed meanwhile (a row of
    the desk's list that is now another visitor's): sent to another address, it is no
    repeat of the first form, and the request runs rather than being dropped."""
    office = client_as("office")
    token = token_of(office, "/matters/apply/")
    assert office.post("/matters/apply/", {**application(), once.FIELD: token}).status_code == 302
    before = Matter.objects.count()
    response = office.post(
        "/matters/open/",
        {
            "subject": "defamation",
            "facts": "网上发布诋毁法官的不实信息。",
            "applicant": "",
            once.FIELD: token,
        },
    )
    assert response.status_code == 302
    assert Matter.objects.count() == before + 1
    # The first form's own repeat is still recognised.
    repeat = office.post("/matters/apply/", {**application(), once.FIELD: token})
    assert Matter.objects.count() == before + 1 and repeat.status_code == 302
