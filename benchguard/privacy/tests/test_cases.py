"""Exposure cases (A18): who sees which; internal leaks investigated with the access log
of the person's private record; the case opens a committee matter."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from benchguard.core.models import AuditEntry
from benchguard.matters import sources
from benchguard.organization import services as organization_services
from benchguard.organization.models import Account, Court, Person
from benchguard.privacy import services
from benchguard.privacy.choices import CaseKind
from benchguard.privacy.demo import LEAK, ONLINE_URL
from benchguard.privacy.models import ExposureCase

pytestmark = pytest.mark.django_db


def _online() -> ExposureCase:
    return ExposureCase.objects.get(url=ONLINE_URL)


def _leak() -> ExposureCase:
    return ExposureCase.objects.get(description=LEAK)


def test_the_leak_case_kept_the_access_log_as_it_stood(
    client_as: Callable[[str | None], Client],
    persona: Callable[[str], Account],
    person_of: Callable[[str], Person],
) -> None:
    leak = _leak()
    kept = list(leak.access_log.all())
    assert any(line.actor_name == "赵敏" and line.action == "organization.private.view" for line in kept)
    # A later look at the record shows in the live view, not in the lines kept.
    organization_services.open_private_details(actor=persona("personnel"), person=person_of("judge"))
    before = AuditEntry.objects.filter(action="privacy.case.access_log").count()
    page = client_as("inspector").get(f"/privacy/{leak.pk}/access-log/")
    assert page.status_code == 200
    live = [entry.actor_name for entry, _label in page.context["live"]]
    assert "徐丽华" in live and "徐丽华" not in [line.actor_name for line, _label in page.context["kept"]]
    assert AuditEntry.objects.filter(action="privacy.case.access_log").count() == before + 1


def test_internal_cases_are_for_the_inspectors_and_the_office(
    client_as: Callable[[str | None], Client],
) -> None:
    leak, online = _leak(), _online()
    assert client_as("inspector").get(f"/privacy/{leak.pk}/").status_code == 200
    assert client_as("office").get(f"/privacy/{leak.pk}/access-log/").status_code == 200
    assert client_as("judge").get(f"/privacy/{leak.pk}/").status_code == 404  # names colleagues
    assert client_as("leader").get(f"/privacy/{leak.pk}/").status_code == 404
    assert client_as("inspector").get(f"/privacy/{online.pk}/").status_code == 404
    assert client_as("judge").get(f"/privacy/{online.pk}/").status_code == 200  # their own
    assert client_as("judge2").get(f"/privacy/{online.pk}/").status_code == 404
    assert client_as("cityadmin").get(f"/privacy/{online.pk}/").status_code == 404
    assert client_as("office").get(f"/privacy/{online.pk}/access-log/").status_code == 403  # not internal


def test_only_the_inspectors_and_the_office_register_internal_cases(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], court: Court
) -> None:
    with pytest.raises(PermissionDenied):
        services.register_case(
            actor=persona("inspector"), court=court, kind=CaseKind.ONLINE, person=person_of("judge"),
            url="https://x.example.cn/1", description="…", found_on=timezone.localdate(),
        )  # fmt: skip
    case = services.register_case(
        actor=persona("inspector"), court=court, kind=CaseKind.COVERT_PHOTO, person=person_of("member"),
        description="办公室发现偷拍设备", found_on=timezone.localdate(),
    )  # fmt: skip
    assert case.right.code == "privacy" and case.status == "open"


def test_the_office_opens_a_matter_from_a_case(client_as: Callable[[str | None], Client]) -> None:
    online = _online()
    client = client_as("office")
    assert client.post(f"/privacy/{online.pk}/open-matter/").status_code == 302
    matter = sources.opened_matter(online)
    assert matter is not None and matter.subject == "privacy"
    assert matter.number in client.get(f"/privacy/{online.pk}/").content.decode()
    assert client_as("inspector").post(f"/privacy/{online.pk}/open-matter/").status_code == 404
