"""The directory's pages and API (A19): who sees what, stale edits, bad input, and
query counts that stay flat as bodies and contacts grow."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from benchguard.liaison import services
from benchguard.liaison.choices import AgencyKind
from benchguard.liaison.models import Agency, AgencyContact
from benchguard.organization.models import Account, Court

pytestmark = pytest.mark.django_db
DIRECTORY = "/liaison/"
API = "/api/liaison/bodies/"


def _names(client: Client, url: str = DIRECTORY, **query: str) -> str:
    response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode()


def test_readers_see_the_six_bodies_with_their_contacts(client_as: Callable[[str | None], Client]) -> None:
    page = _names(client_as("police"))
    for name in (
        "青岛市委政法委员会",
        "青岛市公安局",
        "青岛市人民检察院",
        "青岛市司法局",
        "青岛市律师协会",
        "青岛市委网信办",
    ):
        assert name in page
    assert "李振华" in page and "0532-6657 3110" in page
    assert reverse("liaison:agency_add") not in page  # the police read, the office keeps


def test_the_filters_narrow_by_kind_and_court(
    client_as: Callable[[str | None], Client], shinan_body: Agency
) -> None:
    office = client_as("office")
    page = _names(office, kind=AgencyKind.BAR_ASSOCIATION)
    assert "青岛市律师协会" in page and "青岛市公安局" not in page
    page = _names(office, court=str(shinan_body.court_id))
    assert "青岛市公安局市南分局" in page and "青岛市律师协会" not in page


def test_the_intermediate_office_and_leaders_read_the_base_courts_directory(
    client_as: Callable[[str | None], Client], shinan_body: Agency
) -> None:
    for who in ("office", "leader", "chair"):
        assert "青岛市公安局市南分局" in _names(client_as(who))
    # The police read their own court's directory only.
    assert "青岛市公安局市南分局" not in _names(client_as("police"))
    # The office reads it but may not change another court's directory.
    edit = reverse("liaison:agency_edit", args=[shinan_body.pk])
    assert edit not in _names(client_as("office"))
    assert client_as("office").get(edit).status_code == 403


def test_a_base_courts_office_does_not_read_the_intermediate_courts_directory(
    shinan_office: Account, shinan_body: Agency, bureau: Agency
) -> None:
    client = Client()
    client.force_login(shinan_office)
    page = _names(client)
    assert "青岛市公安局市南分局" in page and "青岛市公安局</strong>" not in page
    assert client.get(reverse("liaison:agency_edit", args=[bureau.pk])).status_code == 404


@pytest.mark.parametrize("who", ["judge", "judge2", "outsider", "cityadmin", "admin"])
def test_everyone_else_finds_nothing_and_has_no_menu_entry(
    who: str, client_as: Callable[[str | None], Client], bureau: Agency
) -> None:
    client = client_as(who)
    contact = AgencyContact.objects.get(agency=bureau, name="李振华")
    assert client.get(DIRECTORY).status_code == 403
    assert client.get(reverse("liaison:agency_edit", args=[bureau.pk])).status_code == 404
    assert client.get(reverse("liaison:contact_edit", args=[contact.pk])).status_code == 404
    assert client.post(reverse("liaison:agency_deactivate", args=[bureau.pk])).status_code == 404
    assert client.get(API).json()["results"] == []
    assert DIRECTORY not in client.get("/").content.decode()


def test_readers_have_the_menu_entry(client_as: Callable[[str | None], Client]) -> None:
    assert f'href="{DIRECTORY}"' in client_as("police").get("/").content.decode()


def _contact_form(contact: AgencyContact, **changes: Any) -> dict[str, Any]:
    data = {
        "name": contact.name,
        "position": contact.position,
        "office_phone": contact.office_phone,
        "mobile_phone": contact.mobile_phone,
        "note": contact.note,
        "version": contact.version,
    }
    data.update(changes)
    return data


def test_a_stale_edit_is_refused_and_keeps_both_versions(
    client_as: Callable[[str | None], Client], bureau: Agency
) -> None:
    contact = AgencyContact.objects.get(agency=bureau, name="李振华")
    url = reverse("liaison:contact_edit", args=[contact.pk])
    first, second = client_as("office"), client_as("office")
    assert first.post(url, _contact_form(contact, position="治安支队支队长")).status_code == 302

    response = second.post(url, _contact_form(contact, position="治安支队政委", mobile_phone="139 0000 1111"))

    assert response.status_code == 200
    page = response.content.decode()
    [error] = response.context["form"].non_field_errors().as_data()
    assert error.code == "stale"
    with translation.override("zh-hans"):
        assert str(error.message) in page
    contact.refresh_from_db()
    assert contact.position == "治安支队支队长" and contact.version == 2
    assert 'value="治安支队政委"' in page and 'value="139 0000 1111"' in page
    assert response.context["current"].position == "治安支队支队长"


def test_a_bad_phone_is_shown_next_to_its_field_in_chinese_and_nothing_is_saved(
    client_as: Callable[[str | None], Client], bureau: Agency
) -> None:
    response = client_as("office").post(
        reverse("liaison:contact_add", args=[bureau.pk]),
        {"name": "错号", "office_phone": "8888", "mobile_phone": "1234567890123"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"office_phone", "mobile_phone"}
    with translation.override("zh-hans"):
        message = str(form.errors["mobile_phone"][0])
    assert message in response.content.decode()
    assert not AgencyContact.objects.filter(name="错号").exists()


def test_the_office_adds_a_body_and_deactivates_it_from_the_page(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    office = client_as("office")
    response = office.post(
        reverse("liaison:agency_add"), {"court": court.pk, "kind": AgencyKind.OTHER, "name": "青岛市信访局"}
    )
    assert response.status_code == 302
    agency = Agency.objects.get(name="青岛市信访局")
    assert "青岛市信访局" in _names(office)
    assert office.post(reverse("liaison:agency_deactivate", args=[agency.pk])).status_code == 302
    assert "青岛市信访局" not in _names(office)
    again = office.post(reverse("liaison:agency_deactivate", args=[agency.pk]), follow=True)
    with translation.override(again.wsgi_request.LANGUAGE_CODE):
        refusal = _("This body has already been deactivated.")
    assert [str(m) for m in again.context["messages"]] == [refusal]


def test_a_reader_cannot_post_the_keepers_forms(
    client_as: Callable[[str | None], Client], bureau: Agency
) -> None:
    response = client_as("chair").post(reverse("liaison:contact_add", args=[bureau.pk]), {"name": "某人"})
    assert response.status_code == 403
    assert not AgencyContact.objects.filter(name="某人").exists()


def test_the_api_lists_the_readable_bodies_with_their_active_contacts(
    client_as: Callable[[str | None], Client], bureau: Agency
) -> None:
    rows = client_as("police").get(API).json()["results"]
    by_name = {row["name"]: row for row in rows}
    assert len(by_name) == 6
    assert {c["name"] for c in by_name["青岛市公安局"]["contacts"]} == {"李振华", "孙晓燕"}
    services.deactivate_contact(
        actor=Account.objects.get(username="office"), contact=AgencyContact.objects.get(name="孙晓燕")
    )
    rows = client_as("police").get(API).json()["results"]
    assert {c["name"] for row in rows if row["name"] == "青岛市公安局" for c in row["contacts"]} == {"李振华"}


def _add_bodies(count: int, court: Court, office: Account) -> None:
    start = Agency.objects.count()
    for n in range(count):
        agency = services.add_agency(
            actor=office, court=court, kind=AgencyKind.OTHER, name=f"测试机关{start + n}"
        )
        for m in range(2):
            services.add_contact(
                actor=office, agency=agency, name=f"联系人{m}", office_phone="0532-8591 0000"
            )


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", [DIRECTORY, API, "/"])
def test_pages_do_not_grow_queries_with_rows(
    client_as: Callable[[str | None], Client], court: Court, office: Account, url: str
) -> None:
    client = client_as("office")
    _add_bodies(2, court, office)
    small = _queries(client, url)
    _add_bodies(15, court, office)
    assert _queries(client, url) == small
