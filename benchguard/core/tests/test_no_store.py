"""Pages and files with private details, persons of concern, holds and every other page
a signed-in user sees are sent with `Cache-Control: no-store` (issue 9, point 20)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from benchguard.core.middleware import NoStoreMiddleware


def assert_not_stored(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.status_code
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= directives


@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("judge", lambda person_of: reverse("organization:private_detail", args=[person_of("judge").pk])),
        ("police", lambda person_of: reverse("persons_of_concern:person_list")),
        ("police", lambda person_of: reverse("persons_of_concern:entry_list")),
        ("police", lambda person_of: reverse("gate:holds")),
        ("judge", lambda person_of: reverse("home")),
        ("police", lambda person_of: "/api/persons-of-concern/match/?name=单立新"),
    ],
    ids=["private details", "persons of concern", "controlled list", "holds", "home", "api"],
)
def test_a_signed_in_page_is_never_stored(client_as, person_of, username, url) -> None:  # type: ignore[no-untyped-def]
    assert_not_stored(client_as(username).get(url(person_of)))


@pytest.mark.parametrize(
    "name",
    ["persons_of_concern:entry_export", "persons_of_concern:log_export", "incidents:incident_export"],
)
def test_an_export_is_never_stored(client_as, name) -> None:  # type: ignore[no-untyped-def]
    response = client_as("police").get(reverse(name))
    assert_not_stored(response)
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_response_with_its_own_cache_rule_or_for_no_one_signed_in_is_left_alone(persona) -> None:  # type: ignore[no-untyped-def]
    def cacheable(request: HttpRequest) -> HttpResponse:
        response = HttpResponse("ok")
        response["Cache-Control"] = "max-age=60"
        return response

    signed_in = RequestFactory().get("/")
    signed_in.user = persona("judge")
    assert NoStoreMiddleware(cacheable)(signed_in)["Cache-Control"] == "max-age=60"
    anonymous = RequestFactory().get("/")
    anonymous.user = AnonymousUser()
    assert not NoStoreMiddleware(lambda request: HttpResponse("ok"))(anonymous).has_header("Cache-Control")
