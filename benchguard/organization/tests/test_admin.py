"""The admin goes through the services: scoped to the administrator's court, versioned, logged."""

from collections.abc import Callable

from django.test import Client

from benchguard.core.models import AuditEntry
from benchguard.organization.models import Department, Person


def _civil_division() -> Department:
    return Department.objects.get(court__division_code="370200", name="民事审判第一庭")


def _department_form(department: Department, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "court": department.court_id,
        "name": department.name,
        "type": department.type,
        "is_active": "on",
        "loaded_version": department.version,
    }
    data.update(overrides)
    return data


def test_an_admin_save_goes_through_the_service_and_is_logged(
    client_as: Callable[[str | None], Client],
) -> None:
    department = _civil_division()
    response = client_as("admin").post(
        f"/admin/organization/department/{department.pk}/change/",
        _department_form(department, name="民事审判一庭"),
    )
    assert response.status_code == 302
    department.refresh_from_db()
    assert (department.name, department.version) == ("民事审判一庭", 2)
    entry = AuditEntry.objects.filter(action="organization.department.update").order_by("-id").first()
    assert entry is not None
    assert entry.actor_name == "许明"
    assert entry.data["before"] == {"name": "民事审判第一庭"}


def test_a_stale_admin_save_is_refused(client_as: Callable[[str | None], Client]) -> None:
    department = _civil_division()
    form = _department_form(department, name="民事审判一庭")
    assert (
        client_as("admin").post(f"/admin/organization/department/{department.pk}/change/", form).status_code
        == 302
    )
    # The city admin had opened the same page at the old version.
    stale = client_as("cityadmin").post(
        f"/admin/organization/department/{department.pk}/change/", {**form, "name": "民一庭"}
    )
    assert stale.status_code == 200
    assert [e.code for e in stale.context["adminform"].form.non_field_errors().as_data()] == ["stale"]
    department.refresh_from_db()
    assert department.name == "民事审判一庭"


def test_a_court_admin_sees_only_their_court(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    client = client_as("admin")
    listed = client.get("/admin/organization/person/", {"all": ""}).context["cl"].queryset
    assert {p.court.division_code for p in listed} == {"370200"}
    other = person_of("judge2")
    # The admin answers an object outside the scope by sending back to the list.
    assert client.get(f"/admin/organization/person/{other.pk}/change/").status_code == 302
    assert client_as("cityadmin").get(f"/admin/organization/person/{other.pk}/change/").status_code == 200


def test_a_court_admin_cannot_move_a_department_to_another_court(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    department = _civil_division()
    other_court = person_of("judge2").court_id
    response = client_as("admin").post(
        f"/admin/organization/department/{department.pk}/change/",
        _department_form(department, court=other_court),
    )
    assert response.status_code == 200
    assert "court" in response.context["adminform"].form.errors
    department.refresh_from_db()
    assert department.court.division_code == "370200"


def test_role_changes_are_in_the_courts_audit_trail(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    from benchguard.organization import services
    from benchguard.organization.choices import Role

    judge = person_of("judge")
    assert judge.account is not None
    services.assign_role(
        actor=judge.account, account=judge.account, role=Role.COMMITTEE_MEMBER, court=judge.court
    )
    entry = AuditEntry.objects.filter(action="organization.role.assign").order_by("-id").first()
    assert entry is not None and entry.court_id == judge.court_id
    listed = client_as("admin").get("/admin/core/auditentry/", {"all": ""}).context["cl"].queryset
    assert entry in listed


def test_the_audit_trail_in_the_admin_lists_the_latest_first(client_as) -> None:
    rows = list(client_as("cityadmin").get("/admin/core/auditentry/").context["cl"].result_list)
    assert len(rows) > 1
    assert [row.pk for row in rows] == sorted((row.pk for row in rows), reverse=True)
    assert rows[0].pk == AuditEntry.objects.order_by("-id").values_list("pk", flat=True)[0]
