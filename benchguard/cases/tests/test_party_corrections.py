"""A case's panel and parties after filing (A14): the filing clerk sets the panel,
corrects a party (a person whose name or document changed is screened again, and the
page shows that run) or removes one entered by mistake (kept on record, no longer shown,
screened or recognised at the gate); a stale page is refused; nobody else may."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from benchguard.cases import services
from benchguard.cases.choices import PartyKind, PartyRole, ScreeningOutcome
from benchguard.cases.models import Case, Party, PartyScreening
from benchguard.core.services import StaleEditError
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Person

pytestmark = pytest.mark.django_db
LISTED_ID = demo_id_number("19750308", "031")  # 单立新 on the controlled list


def demo_case() -> Case:
    return Case.objects.get(court__division_code="370200", number__contains="民初356号")


def listed_party() -> Party:
    return Party.objects.get(case=demo_case(), name="单立新")


def test_correcting_a_document_screens_the_party_again_and_the_page_shows_that_run(
    persona: Callable[[str], Account],
) -> None:
    party = listed_party()
    clerk = persona("clerk")
    answers = services.open_screenings(actor=clerk, case=demo_case())
    assert [a.outcome for a in answers] == [ScreeningOutcome.LISTED]
    corrected = services.correct_party(
        actor=clerk,
        party=party,
        expected_version=party.version,
        kind=PartyKind.PERSON,
        role=PartyRole.PLAINTIFF,
        name="单立信",  # the file had it wrong
        document_kind="resident_id",
        document_number=demo_id_number("19800101", "219"),
    )
    assert corrected.screened_at != party.screened_at
    assert services.open_screenings(actor=clerk, case=demo_case()) == []  # another person now
    assert PartyScreening.objects.filter(party=party).count() == 1  # the first run is kept
    with pytest.raises(StaleEditError):
        services.correct_party(
            actor=clerk,
            party=party,
            expected_version=party.version,
            kind=PartyKind.PERSON,
            role=PartyRole.DEFENDANT,
            name="单立新",
        )


def test_a_standing_only_correction_does_not_screen_again(persona: Callable[[str], Account]) -> None:
    party = listed_party()
    corrected = services.correct_party(
        actor=persona("clerk"),
        party=party,
        expected_version=party.version,
        kind=party.kind,
        role=PartyRole.THIRD_PARTY,
        name=party.name,
        document_kind=party.document_kind,
        document_number=party.document_number,
    )
    assert (corrected.role, corrected.screened_at) == (PartyRole.THIRD_PARTY, party.screened_at)
    assert len(services.open_screenings(actor=persona("clerk"), case=demo_case())) == 1


def test_a_removed_party_is_kept_but_no_longer_shown_or_screened(
    persona: Callable[[str], Account], client_as: Callable[[str | None], Client]
) -> None:
    party = listed_party()
    with pytest.raises(ValidationError):
        services.remove_party(actor=persona("clerk"), party=party, reason="  ")
    with pytest.raises(PermissionDenied):
        services.remove_party(actor=persona("judge"), party=party, reason="录入错误")
    services.remove_party(actor=persona("clerk"), party=party, reason="录入错误")
    assert Party.objects.filter(pk=party.pk, removed_at__isnull=False).exists()
    page = client_as("clerk").get(reverse("cases:case_detail", args=[party.case_id])).content.decode()
    assert "单立新" not in page
    assert services.open_screenings(actor=persona("clerk"), case=demo_case()) == []
    with pytest.raises(ValidationError):
        services.remove_party(actor=persona("clerk"), party=Party.objects.get(pk=party.pk), reason="再次")
    assert client_as("clerk").get(reverse("cases:party_edit", args=[party.pk])).status_code == 404


def test_a_refused_correction_keeps_what_was_typed(client_as: Callable[[str | None], Client]) -> None:
    party = listed_party()
    response = client_as("clerk").post(
        reverse("cases:party_edit", args=[party.pk]),
        {
            "kind": "person",
            "role": "plaintiff",
            "name": "单立新",
            "document_kind": "resident_id",
            "document_number": LISTED_ID[:17] + ("1" if LISTED_ID[17] != "1" else "2"),
            "version": party.version,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["document_number"]
    assert response.context["form"]["name"].value() == "单立新"


def test_the_clerk_sets_the_panel_without_the_judge_in_charge(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    case = demo_case()
    member = person_of("member")
    client = client_as("clerk")
    response = client.post(reverse("cases:case_panel", args=[case.pk]), {"panel": [member.pk]})
    assert response.status_code == 302
    assert list(Case.objects.get(pk=case.pk).panel.all()) == [member]
    refused = client.post(reverse("cases:case_panel", args=[case.pk]), {"panel": [person_of("judge").pk]})
    assert refused.status_code == 200 and refused.context["form"].errors
    assert (
        client_as("chief").post(reverse("cases:case_panel", args=[case.pk]), {"panel": []}).status_code == 403
    )


def test_a_stale_correction_page_shows_what_is_stored_now(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account]
) -> None:
    """Two tabs: the second save is told the party changed, beside what is stored now."""
    party = listed_party()
    data = {"kind": "person", "role": "plaintiff", "name": "单立新", "version": party.version}
    services.correct_party(
        actor=persona("clerk"),
        party=party,
        expected_version=party.version,
        kind=PartyKind.PERSON,
        role=PartyRole.THIRD_PARTY,
        name="单立新",
        document_kind=party.document_kind,
        document_number=party.document_number,
    )
    response = client_as("clerk").post(reverse("cases:party_edit", args=[party.pk]), data)
    assert response.status_code == 200
    assert response.context["current"] is not None
    assert any(value == "第三人" for _label, value in response.context["current_values"])
