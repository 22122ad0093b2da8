"""Who sees the city-wide list across two courts, creating and editing persons, stale
edits and refused input (A15)."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from benchguard.persons_of_concern.models import IdentityDocument, PersonOfConcern

pytestmark = pytest.mark.django_db


def shan() -> PersonOfConcern:
    return PersonOfConcern.objects.get(name="单立新")


def test_police_of_a_base_court_see_the_city_wide_list(shinan_police) -> None:
    client = Client()
    client.force_login(shinan_police)
    response = client.get(reverse("persons_of_concern:entry_list"))
    assert response.status_code == 200
    assert "单立新" in response.content.decode()
    assert client.get(reverse("persons_of_concern:person_detail", args=[shan().pk])).status_code == 200


@pytest.mark.parametrize("username", ["judge2", "guard", "outsider", "judge", "cityadmin"])
def test_others_cannot_see_the_list(client_as, username) -> None:
    client = client_as(username)
    assert client.get(reverse("persons_of_concern:entry_list")).status_code == 403
    assert client.get(reverse("persons_of_concern:person_detail", args=[shan().pk])).status_code == 404
    assert "单立新" not in client.get(reverse("home")).content.decode()


def test_the_search_page_ranks_matches_and_marks_active_entries(client_as) -> None:
    response = client_as("police").post(reverse("persons_of_concern:person_list"), {"name": "單立新"})
    body = response.content.decode()
    assert "单立新" in body and "bg-danger" in body


@pytest.mark.parametrize(("persona", "page"), [("police", "person_list"), ("clerk", "check")])
def test_a_look_up_is_sent_so_that_what_was_typed_never_reaches_an_address(client_as, persona, page) -> None:
    """A name, ID number or phone in a GET address stays in the server's access log, the
    browser's history and the Referer header (a browser walk found the check page so)."""
    client = client_as(persona)
    html = client.get(reverse(f"persons_of_concern:{page}")).content.decode()
    assert re.search(r'<form method="post"[^>]*data-testid="(match|check)-form"', html)
    assert client.get(reverse(f"persons_of_concern:{page}"), {"name": "单立新"}).content.decode().count(
        "单立新"
    ) <= html.count("单立新")  # a query in the address is not searched


def test_a_person_is_recorded_with_alias_document_phone_and_photo(client_as, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    photo = SimpleUploadedFile("p.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="image/png")
    response = client_as("police").post(
        reverse("persons_of_concern:person_create"),
        {
            "name": "黄十四",
            "aliases": "黄四，小黄",
            "document_kind": "resident_id",
            "document_number": "11010519491231002X",
            "phone": "13700000000",
            "description": "",
            "photo": photo,
        },
    )
    assert response.status_code == 302, response.content.decode()
    person = PersonOfConcern.objects.get(name="黄十四")
    assert set(person.names.values_list("name", flat=True)) == {"黄十四", "黄四", "小黄"}
    document = IdentityDocument.objects.get(person=person)
    assert document.masked == "110***********002X"
    assert person.court.division_code == "370200"
    detail = client_as("police").get(reverse("persons_of_concern:person_detail", args=[person.pk]))
    assert "110***********002X" in detail.content.decode()
    assert "11010519491231002X" not in detail.content.decode()
    assert person.photo.name.endswith(".png") and (tmp_path / person.photo.name).exists()


def test_a_wrong_document_or_photo_is_refused_next_to_its_field_and_nothing_is_saved(client_as) -> None:
    client = client_as("police")
    response = client.post(
        reverse("persons_of_concern:person_create"),
        {"name": "错号人", "document_kind": "resident_id", "document_number": "110105194912310021"},
    )
    assert response.status_code == 200
    assert "check character" in response.content.decode() or "校验" in response.content.decode()
    assert not PersonOfConcern.objects.filter(name="错号人").exists()
    fake = SimpleUploadedFile("p.png", b"not an image", content_type="image/png")
    response = client.post(reverse("persons_of_concern:person_create"), {"name": "假照片", "photo": fake})
    assert 'data-field-error="photo"' in response.content.decode()
    assert not PersonOfConcern.objects.filter(name="假照片").exists()


def test_a_stale_edit_is_refused_and_keeps_the_input(client_as) -> None:
    person = shan()
    url = reverse("persons_of_concern:person_edit", args=[person.pk])
    first, second = client_as("police"), client_as("office")
    base = {"name": person.name, "sex": "male", "birth_date": "1975-03-08", "version": person.version}
    assert first.post(url, {**base, "description": "第一次保存"}).status_code == 302
    response = second.post(url, {**base, "description": "第二次保存"})
    assert response.status_code == 200
    assert "第二次保存" in response.content.decode()
    assert PersonOfConcern.objects.get(pk=person.pk).description == "第一次保存"


def test_renaming_keeps_the_old_name_searchable_as_a_former_name(client_as) -> None:
    from benchguard.persons_of_concern.matching import match

    person = shan()
    url = reverse("persons_of_concern:person_edit", args=[person.pk])
    data = {
        "name": "单立",
        "sex": "male",
        "birth_date": "1975-03-08",
        "description": "",
        "version": person.version,
    }
    assert client_as("police").post(url, data).status_code == 302
    kinds = dict(person.names.values_list("name", "kind"))
    assert kinds["单立新"] == "former" and kinds["单立"] == "primary"
    assert match(name="单立新")[0].person_id == person.pk


def test_the_match_api_is_for_the_police(client_as) -> None:
    url = "/api/persons-of-concern/match/"
    response = client_as("police").get(
        url, {"document_kind": "hk_macao_permit", "document_number": "H12345678"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body[0]["score"] == 100 and body[0]["controlled"] is False  # only proposed
    assert client_as("police").get(url, {"name": "单立新"}).json()[0]["controlled"] is True
    assert client_as("guard").get(url, {"name": "单立新"}).status_code == 403


def test_approving_twice_through_the_page_is_told_not_an_error(client_as, propose) -> None:
    from django.contrib.messages import get_messages

    from benchguard.persons_of_concern.models import PersonOfConcern

    entry = propose(PersonOfConcern.objects.get(name="陳志華"), days=30)
    url = reverse("persons_of_concern:entry_approve", args=[entry.pk])
    client = client_as("office")
    assert client.post(url).status_code == 302
    second = client.post(url)
    assert second.status_code == 302
    # The first click's success is still unread (the redirect was not followed).
    assert [m.level_tag for m in get_messages(second.wsgi_request)] == ["success", "error"]


def test_an_edit_page_in_chinese_fills_the_date_boxes_so_saving_keeps_the_dates(client_as) -> None:
    """A browser's date box takes only 2027-01-01: the Chinese format (1975/03/08) left it
    empty, and saving the page unchanged erased the birth date (a browser walk found it)."""
    person = PersonOfConcern.objects.get(name="单立新")
    assert person.birth_date is not None
    client = client_as("office")
    page = client.get(
        reverse("persons_of_concern:person_edit", args=[person.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    html = page.content.decode()
    assert f'value="{person.birth_date.isoformat()}"' in html
    entry = person.entries.filter(approved_at__isnull=False).first()
    assert entry is not None
    correct = client.get(reverse("persons_of_concern:entry_correct", args=[entry.pk])).content.decode()
    assert f'value="{entry.review_date.isoformat()}"' in correct
    assert f'value="{entry.expires_on.isoformat()}"' in correct


def test_the_list_is_filtered_by_level_and_active_entries(
    client_as, make_person, list_person, propose
) -> None:
    """The filters the leaders' overview links with (A30)."""
    strict = list_person(make_person("严某"))
    proposed = propose(make_person("候某"), level="strict")
    office = client_as("office")

    def shown(**query: str) -> set[int]:
        response = office.get(reverse("persons_of_concern:entry_list"), query)
        assert response.status_code == 200
        return {entry.pk for entry in response.context["page"].paginator.object_list}

    assert {strict.pk, proposed.pk} <= shown(level="key") | shown(level="strict")
    assert strict.pk in shown(active="on") and proposed.pk not in shown(active="on")
    assert shown(active="on", level="attention").isdisjoint({strict.pk, proposed.pk})
