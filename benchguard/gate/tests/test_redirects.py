"""After a button at the gate the guard goes back to the page that sent them, never to
another site (issue 9, point 19)."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "evil", ["/\\evil.example", "//evil.example", "https://evil.example/x", "\\\\evil.example"]
)
def test_a_next_pointing_off_site_falls_back_to_the_visit(client_as, visitor, evil) -> None:
    visit = visitor()
    response = client_as("guard").post(reverse("gate:confirm_phone", args=[visit.pk]), {"next": evil})
    assert response.status_code == 302
    assert response["Location"] == reverse("gate:visit_detail", args=[visit.pk])


def test_a_next_on_this_site_is_followed(client_as, visitor, gatehouse) -> None:
    visit = visitor()
    desk = f"{reverse('gate:desk')}?post={gatehouse.pk}"
    response = client_as("guard").post(reverse("gate:confirm_phone", args=[visit.pk]), {"next": desk})
    assert response.status_code == 302 and response["Location"] == desk
