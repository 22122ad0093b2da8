"""Who sees a person's welfare data: the desks concerned and the person, nobody else —
not the court leaders (but a raised standard to approve), not the committee office for
insurance or condolence, not the system administrators, not the city administrator;
through the pages, the API, the admin and the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from benchguard.core.audit_visibility import AuditView
from benchguard.core.models import AuditEntry
from benchguard.welfare.models import (
    AssistanceApplication,
    CondolencePayment,
    FollowUp,
    InsuranceClaim,
)
from benchguard.welfare.tests.helpers import account, harm_incident, person

pytestmark = pytest.mark.django_db

NOBODY = ("admin", "cityadmin", "outsider", "judge2", "police", "chief", "guard")


@pytest.mark.parametrize("name", NOBODY)
def test_people_outside_the_desks_see_no_welfare_row(name: str) -> None:
    user = account(name)
    for model in (InsuranceClaim, CondolencePayment, AssistanceApplication, FollowUp):
        assert not model.objects.visible_to(user).exists(), model


def test_a_court_leader_sees_only_the_payments_asking_for_a_raised_standard() -> None:
    rows = CondolencePayment.objects.visible_to(account("leader"))
    assert rows.exists() and all(row.raised_standard for row in rows)
    assert not InsuranceClaim.objects.visible_to(account("leader")).exists()
    assert not FollowUp.objects.visible_to(account("leader")).exists()


def test_the_committee_office_reads_no_insurance_or_condolence() -> None:
    office = account("office")
    assert not InsuranceClaim.objects.visible_to(office).exists()
    assert not CondolencePayment.objects.visible_to(office).exists()
    assert AssistanceApplication.objects.visible_to(office).exists()


def test_a_person_reads_their_own_rows_and_nobody_elses() -> None:
    judge = account("judge")
    assert {c.person for c in InsuranceClaim.objects.visible_to(judge)} == {person("judge")}
    assert {f.person for f in FollowUp.objects.visible_to(judge)} == {person("judge")}
    assert not FollowUp.objects.visible_to(account("member")).exists()


@pytest.mark.parametrize("name", ["cityadmin", "admin", "leader"])
def test_the_api_gives_them_nothing_of_the_follow_up(client_as: Callable[[str], Client], name: str) -> None:
    followup = FollowUp.objects.filter(person=person("judge")).first()
    assert followup is not None
    client = client_as(name)
    assert client.get("/api/welfare/followups/").json()["count"] == 0
    assert client.get(f"/api/welfare/followups/{followup.pk}/").status_code == 404
    assert client.get("/api/welfare/claims/").json()["count"] == 0


def test_the_audit_trail_withholds_welfare_values_from_the_system_administrator() -> None:
    entry = AuditEntry.objects.filter(action="welfare.condolence.request").first()
    assert entry is not None
    shown = AuditView(account("admin")).shown(entry)
    assert "5000" not in str(shown.data) and "600" not in str(shown.data)
    assert AuditView(account("union")).shown(entry).data == entry.data


def test_the_admin_offers_no_welfare_register(client_as: Callable[[str], Client]) -> None:
    client = client_as("cityadmin")
    assert client.get("/admin/welfare/condolencecap/").status_code == 200
    for model in ("insuranceclaim", "condolencepayment", "followup", "assistanceapplication"):
        assert client.get(f"/admin/welfare/{model}/").status_code == 404


def _grow(n: int) -> None:
    from benchguard.welfare.tests.helpers import account as acc

    for _ in range(n):
        harm_incident(person("judge"))
    assert acc("union")


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("union", "welfare:followup_list"),
        ("union", "welfare:payment_list"),
        ("personnel", "welfare:insurance"),
        ("office", "welfare:application_list"),
        ("union", "home"),
        ("personnel", "welfare:index"),
    ],
)
def test_list_pages_and_panels_do_not_grow_queries_with_rows(
    client_as: Callable[[str], Client], name: str, url: str
) -> None:
    client = client_as(name)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url)).status_code == 200
        return len(queries)

    before = count()
    _grow(3)
    assert count() == before


def test_the_api_list_does_not_grow_queries_with_rows(client_as: Callable[[str], Client]) -> None:
    client = client_as("union")

    def count() -> Any:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/welfare/followups/").status_code == 200
        return len(queries)

    before = count()
    _grow(3)
    assert count() == before


def test_the_welfare_report_splits_by_category(client_as: Callable[[str], Client]) -> None:
    from benchguard.welfare.selectors import by_category

    reports = {str(r["label"]): r for r in by_category(account("union"))}
    payments = reports["Condolence payments"] if "Condolence payments" in reports else reports["慰问金"]
    counts = [cell["count"] for cell in payments["cells"]]
    assert len(counts) == 3
    assert sum(counts) == CondolencePayment.objects.visible_to(account("union")).count()
    page = client_as("union").get(reverse("welfare:index"))
    assert (
        page.status_code == 200
        and "李静" not in page.content.decode()
        and "王立明" not in page.content.decode()
    )


def test_the_answer_to_the_counselling_offer_is_for_the_counsellor_and_the_person_only(
    client_as: Callable[[str], Client],
) -> None:
    """A23: the other desks of the follow-up see that the offer was made, not whether it
    was accepted nor the counsellor's note — on the page and through the API."""
    from benchguard.welfare import services
    from benchguard.welfare.choices import CounsellingAnswer, ItemKind

    followup = FollowUp.objects.get(incident=harm_incident(person("judge")))
    item = followup.items.get(kind=ItemKind.COUNSELLING_OFFER)
    services.close_item(
        actor=account("counsellor"),
        item=item,
        outcome="电话联系本人，约定出院后面谈。",
        counselling=CounsellingAnswer.ACCEPTED,
    )
    page = reverse("welfare:followup_detail", args=[followup.pk])
    api = f"/api/welfare/followup-items/{item.pk}/"
    for name in ("office", "union", "personnel"):
        html = client_as(name).get(page).content.decode()
        assert "约定出院后面谈" not in html and 'data-testid="confidential"' in html, name
        data = client_as(name).get(api).json()
        assert (data["outcome"], data["counselling"]) == ("", ""), name
    for name in ("counsellor", "judge"):
        assert "约定出院后面谈" in client_as(name).get(page).content.decode(), name
    assert client_as("counsellor").get(api).json()["counselling"] == CounsellingAnswer.ACCEPTED


@pytest.mark.parametrize("name", ["leader", "chair", "office", "counsellor", "personnel", "union"])
def test_every_tab_offered_opens(client_as: Callable[[str], Client], name: str) -> None:
    """A tab that would answer 403 is not offered (leaders, for one, read no insurance)."""
    import re

    client = client_as(name)
    html = client.get(reverse("welfare:index")).content.decode()
    nav = html[html.index('data-testid="welfare-nav"') :].split("</ul>")[0]
    links = re.findall(r'href="([^"]+)"', nav)
    assert len(links) >= 2
    assert {link: client.get(link).status_code for link in links} == dict.fromkeys(links, 200)
