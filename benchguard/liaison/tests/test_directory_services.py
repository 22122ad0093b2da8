"""Keeping the directory of outside bodies (A19): the services, their refusals and the
audit lines they write."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from benchguard.core.models import AuditEntry
from benchguard.core.services import StaleEditError
from benchguard.liaison import services
from benchguard.liaison.choices import AgencyKind
from benchguard.liaison.models import Agency, AgencyContact
from benchguard.organization.models import Account, Court

pytestmark = pytest.mark.django_db


def _line(action: str) -> AuditEntry:
    entry = AuditEntry.objects.filter(action=action).order_by("id").last()
    assert entry is not None
    return entry


def test_the_office_adds_a_body_and_a_contact_and_both_are_logged_for_its_court(
    court: Court, office: Account
) -> None:
    agency = services.add_agency(
        actor=office, court=court, kind=AgencyKind.OTHER, name="青岛市信访局", address="青岛市市南区"
    )
    contact = services.add_contact(
        actor=office, agency=agency, name="林芳", position="接访科科长", office_phone="0532-8591 1234",
        mobile_phone="138 0532 0000",
    )  # fmt: skip
    assert agency.version == 1 and agency.is_active
    assert contact.agency == agency and contact.is_active
    added = _line("liaison.agency.add")
    assert added.actor_name == "赵敏" and added.court_id == court.pk
    assert added.data["after"]["name"] == "青岛市信访局"
    contact_line = _line("liaison.contact.add")
    assert contact_line.court_id == court.pk  # a contact hangs off its body's court (audit_court_id)
    # Deliberately not withheld (liaison/audit_rules.py): officials' work phones.
    assert contact_line.data["after"]["mobile_phone"] == "138 0532 0000"


def test_an_edit_logs_before_and_after(office: Account, bureau: Agency) -> None:
    services.update_agency(
        actor=office,
        agency=bureau,
        expected_version=bureau.version,
        changes={"address": "青岛市市南区宁夏路 1 号"},
    )
    line = _line("liaison.agency.update")
    assert line.data["before"] == {"address": "青岛市市南区宁夏路 272 号"}
    assert line.data["after"] == {"address": "青岛市市南区宁夏路 1 号"}


def test_a_stale_version_is_refused(office: Account, bureau: Agency) -> None:
    services.update_agency(
        actor=office, agency=bureau, expected_version=bureau.version, changes={"note": "一"}
    )
    with pytest.raises(StaleEditError):
        services.update_agency(
            actor=office, agency=bureau, expected_version=bureau.version, changes={"note": "二"}
        )
    bureau.refresh_from_db()
    assert bureau.note == "一"


def test_a_deactivated_body_stays_on_record_and_cannot_be_deactivated_twice(
    office: Account, bureau: Agency
) -> None:
    services.deactivate_agency(actor=office, agency=bureau)
    bureau.refresh_from_db()
    assert not bureau.is_active
    assert _line("liaison.agency.deactivate").data["after"] == {"is_active": False}
    with pytest.raises(ValidationError) as twice:
        services.deactivate_agency(actor=office, agency=bureau)
    assert twice.value.code == "inactive"
    with pytest.raises(ValidationError) as closed:
        services.add_contact(actor=office, agency=bureau, name="新人")
    assert closed.value.code == "inactive"


def test_a_contact_is_deactivated_not_deleted(office: Account, bureau: Agency) -> None:
    contact = AgencyContact.objects.get(agency=bureau, name="李振华")
    services.deactivate_contact(actor=office, contact=contact)
    contact.refresh_from_db()
    assert not contact.is_active
    assert _line("liaison.contact.deactivate").court_id == bureau.court_id
    with pytest.raises(ValidationError) as twice:
        services.deactivate_contact(actor=office, contact=contact)
    assert twice.value.code == "inactive"


@pytest.mark.parametrize("who", ["chair", "leader", "police", "judge", "judge2", "cityadmin"])
def test_only_the_courts_office_keeps_the_directory(who: str, court: Court, bureau: Agency) -> None:
    actor = Account.objects.get(username=who)
    contact = AgencyContact.objects.get(agency=bureau, name="李振华")
    with pytest.raises(PermissionDenied):
        services.add_agency(actor=actor, court=court, kind=AgencyKind.OTHER, name="某机关")
    with pytest.raises(PermissionDenied):
        services.update_agency(
            actor=actor, agency=bureau, expected_version=bureau.version, changes={"note": "x"}
        )
    with pytest.raises(PermissionDenied):
        services.deactivate_agency(actor=actor, agency=bureau)
    with pytest.raises(PermissionDenied):
        services.add_contact(actor=actor, agency=bureau, name="某人")
    with pytest.raises(PermissionDenied):
        services.deactivate_contact(actor=actor, contact=contact)
    assert Agency.objects.filter(name="某机关").count() == 0


def test_the_intermediate_office_reads_but_does_not_keep_a_base_courts_directory(
    office: Account, shinan_body: Agency
) -> None:
    with pytest.raises(PermissionDenied):
        services.deactivate_agency(actor=office, agency=shinan_body)


def test_a_bad_phone_is_refused_by_the_service_too(office: Account, bureau: Agency) -> None:
    with pytest.raises(ValidationError) as refused:
        services.add_contact(actor=office, agency=bureau, name="错号", mobile_phone="12345")
    assert "mobile_phone" in refused.value.message_dict
    assert not AgencyContact.objects.filter(name="错号").exists()


def test_a_name_is_unique_in_its_court(court: Court, office: Account) -> None:
    with pytest.raises(ValidationError):
        services.add_agency(actor=office, court=court, kind=AgencyKind.PUBLIC_SECURITY, name="青岛市公安局")
