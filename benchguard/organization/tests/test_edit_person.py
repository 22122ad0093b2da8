"""Editing a person's work details: versioned, logged, never a silent lost update."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from benchguard.core.models import AuditEntry
from benchguard.organization.models import Person

Edit = Callable[..., tuple[Any, Person]]


def _form(person: Person, **overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "name": person.name,
        "department": person.department_id,
        "category": person.category,
        "position": person.position,
        "staff_number": person.staff_number,
        "office_phone": person.office_phone,
        "is_active": "on",
        "version": person.version,
    }
    data.update(overrides)
    return data


def _edit(client: Client, person: Person, **overrides: object) -> Any:
    """Post the person's edit page with their details as stored but for `overrides`."""
    return client.post(f"/directory/people/{person.pk}/edit/", _form(person, **overrides))


@pytest.fixture
def edit(client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]) -> Edit:
    """edit(editor, whom, **overrides): the persona `editor` posts the edit page of the
    persona `whom` as just read; the answer, and `whom` as read before the post."""

    def post(editor: str, whom: str, **overrides: object) -> tuple[Any, Person]:
        person = person_of(whom)
        return _edit(client_as(editor), person, **overrides), person

    return post


def test_a_stale_edit_is_refused_and_keeps_both_versions(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    judge = person_of("judge")
    personnel, admin = client_as("personnel"), client_as("admin")
    # Both open the form at the same version; the personnel office saves first.
    first = _edit(personnel, judge, position="二级高级法官")
    assert first.status_code == 302

    second = _edit(admin, judge, position="四级高级法官", office_phone="0532-8099 1234")

    assert second.status_code == 200
    page = second.content.decode()
    [error] = second.context["form"].non_field_errors().as_data()
    assert error.code == "stale"
    with translation.override("zh-hans"):
        assert str(error.message) in page  # the clerk reads it in Chinese
    # The stored data is the first save, untouched by the second.
    judge.refresh_from_db()
    assert judge.position == "二级高级法官"
    assert judge.version == 2
    # The second user's input is still in the form, and the stored value is shown beside it.
    assert 'value="四级高级法官"' in page
    assert 'value="0532-8099 1234"' in page
    assert second.context["current"].position == "二级高级法官"


def test_a_saved_edit_bumps_the_version_and_logs_before_and_after(edit: Edit) -> None:
    response, judge = edit("personnel", "judge", position="庭长助理")
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(action="organization.person.update", object_id=str(judge.pk)).last()
    assert entry is not None
    assert entry.actor_name == "徐丽华"
    assert entry.data["before"] == {"position": "审判员"}
    assert entry.data["after"] == {"position": "庭长助理"}
    assert entry.request_id  # the request that caused it


def test_bad_input_is_shown_next_to_the_field_and_nothing_is_saved(edit: Edit) -> None:
    response, judge = edit("personnel", "judge", name="", category="emperor")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "category"}
    judge.refresh_from_db()
    assert judge.name == "王立明"


def test_a_judge_cannot_edit_a_colleague(edit: Edit) -> None:
    response, colleague = edit("judge", "staff", position="x")
    assert response.status_code == 403
    colleague.refresh_from_db()
    assert colleague.position == "法官助理"
