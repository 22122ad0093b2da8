"""The audit trail and the counselling offer (A23): what became of the offer (the answer,
the counsellor's note) is read by the counsellor and the person only — also in the audit
trail, where the other welfare desks read the area's lines, and the superuser, the city
administrator and a court's system administrator read the trail: on the admin's audit
pages (list, detail, search) the item's closing values are withheld from them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from benchguard.core.audit import verify_chain
from benchguard.core.audit_visibility import AuditView
from benchguard.core.models import AuditEntry
from benchguard.organization.choices import Role
from benchguard.organization.models import Account
from benchguard.organization.services import assign_role
from benchguard.welfare import services
from benchguard.welfare.choices import CounsellingAnswer, ItemKind
from benchguard.welfare.models import FollowUp
from benchguard.welfare.tests.helpers import account, harm_incident, intermediate, person

pytestmark = pytest.mark.django_db

NOTE = "本人同意每周三下午面谈，情绪低落需持续关注"
WITHHELD = set()
for _language in ("en", "zh-hans"):
    with translation.override(_language):
        WITHHELD.add(translation.gettext("[withheld]"))


@pytest.fixture
def closed_offer() -> AuditEntry:
    """The judge's counselling offer, closed by the counsellor with an answer and a note:
    its audit line."""
    incident = harm_incident(person("judge"))
    followup = FollowUp.objects.get(incident=incident, person=person("judge"))
    offer = followup.items.get(kind=ItemKind.COUNSELLING_OFFER)
    services.close_item(
        actor=account("counsellor"), item=offer, outcome=NOTE, counselling=CounsellingAnswer.ACCEPTED
    )
    return AuditEntry.objects.get(action="welfare.followup.close_item", object_id=str(offer.pk))


def _administrator(name: str, *roles: str) -> Account:
    """The persona, made able to read the audit pages (a court's system administrator,
    unless they are the city administrator) and given the further roles."""
    user = account(name)
    if not user.is_superuser:
        roles = (Role.SYSTEM_ADMIN, *roles)
    for role in roles:
        assign_role(actor=None, account=user, role=role, court=intermediate())
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return Account.objects.get(pk=user.pk)


# Who reads the trail but not the answer: the other desks (who read the welfare area's
# lines), a court leader, the committee office, the court's system administrator (also
# when they hold a welfare desk), the superuser / city administrator (also with a desk).
WITHHELD_FROM = [
    ("union", ()),
    ("personnel", ()),
    ("office", ()),
    ("leader", ()),
    ("admin", ()),
    ("admin", (Role.TRADE_UNION,)),
    ("cityadmin", ()),
    ("cityadmin", (Role.PERSONNEL_OFFICE,)),
]


def _shown_on_the_detail_page(client: Client, line: AuditEntry) -> tuple[Any, str]:
    response = client.get(f"/admin/core/auditentry/{line.pk}/change/")
    assert response.status_code == 200
    return response.context["original"], response.content.decode()


@pytest.mark.parametrize(("name", "roles"), WITHHELD_FROM)
def test_the_audit_pages_withhold_the_counselling_answer(
    closed_offer: AuditEntry, client_as: Callable[[str | None], Client], name: str, roles: tuple[str, ...]
) -> None:
    assert closed_offer.data["after"]["outcome"] == NOTE  # stored as written
    viewer = _administrator(name, *roles)
    shown = AuditView(viewer).shown(closed_offer)
    assert shown.data["after"]["outcome"] in WITHHELD
    assert shown.data["after"]["counselling"] in WITHHELD
    assert "outcome" in shown.data["changed"] and "counselling" in shown.data["changed"]
    assert NOTE not in str(AuditView(viewer).data(closed_offer))

    client = client_as(name)
    original, page = _shown_on_the_detail_page(client, closed_offer)
    assert original.data["after"]["outcome"] in WITHHELD
    assert original.data["after"]["counselling"] in WITHHELD
    assert NOTE not in page and CounsellingAnswer.ACCEPTED.value not in page
    listing = client.get("/admin/core/auditentry/").content.decode()
    assert f"/admin/core/auditentry/{closed_offer.pk}/" in listing and NOTE not in listing
    # Searching for the note (or a piece of it) does not find the line.
    for term in (NOTE, "每周三下午面谈", CounsellingAnswer.ACCEPTED.value):
        found = client.get("/admin/core/auditentry/", {"q": term})
        assert found.status_code == 200
        assert closed_offer not in found.context["cl"].result_list


def test_the_other_desks_still_read_the_rest_of_the_follow_up_trail(closed_offer: AuditEntry) -> None:
    """The field-level rule withholds the answer only: the union reads the other values
    of the line and the other items' notes."""
    followup = FollowUp.objects.filter(person=person("judge")).latest("id")
    visit = followup.items.get(kind=ItemKind.CONDOLENCE_VISIT)
    services.close_item(actor=account("union"), item=visit, outcome="工会主席到医院看望")
    visit_line = AuditEntry.objects.get(action="welfare.followup.close_item", object_id=str(visit.pk))
    union = account("union")
    assert AuditView(union).shown(visit_line) is visit_line
    shown = AuditView(union).shown(closed_offer)
    assert shown.data["after"]["status"] == "done" and shown.data["before"]["status"] == "open"
    assert shown.object_repr == closed_offer.object_repr


@pytest.mark.parametrize("name", ["counsellor", "judge"])
def test_the_counsellor_and_the_person_read_the_answer_in_the_trail(
    closed_offer: AuditEntry, client_as: Callable[[str | None], Client], name: str
) -> None:
    viewer = _administrator(name)
    assert AuditView(viewer).shown(closed_offer).data == closed_offer.data
    original, page = _shown_on_the_detail_page(client_as(name), closed_offer)
    assert original.data["after"]["outcome"] == NOTE
    assert original.data["after"]["counselling"] == CounsellingAnswer.ACCEPTED
    assert "每周三下午面谈" in page


def test_the_hash_chain_is_untouched(
    closed_offer: AuditEntry, client_as: Callable[[str | None], Client]
) -> None:
    _administrator("union")
    _shown_on_the_detail_page(client_as("union"), closed_offer)
    closed_offer.refresh_from_db()
    assert closed_offer.data["after"]["outcome"] == NOTE
    assert verify_chain().ok
