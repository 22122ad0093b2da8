"""Every `next` is checked by one helper (core.views.safe_next): a path on this site is
followed, anything that leaves it falls back (issue 9, point 19)."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from benchguard.core.views import safe_next

OFF_SITE = [
    "/\\evil.example",
    "//evil.example",
    "https://evil.example",
    "http:/evil.example",
    " //evil.example",
]


@pytest.mark.parametrize("evil", OFF_SITE)
def test_an_off_site_next_falls_back(evil: str) -> None:
    request = RequestFactory().post("/", {"next": evil})
    assert safe_next(request, "home") == reverse("home")
    assert safe_next(RequestFactory().get("/", {"next": evil}), "/x/") == "/x/"


def test_a_path_on_this_site_is_kept() -> None:
    request = RequestFactory().post("/", {"next": "/matters/7/?tab=tasks"})
    assert safe_next(request, "home") == "/matters/7/?tab=tasks"


@pytest.mark.parametrize("evil", OFF_SITE)
def test_choosing_a_language_never_leaves_the_site(client_as, evil: str) -> None:  # type: ignore[no-untyped-def]
    response = client_as("judge").post(reverse("set_language"), {"language": "en", "next": evil})
    assert response.status_code == 302 and response["Location"] == "/"
