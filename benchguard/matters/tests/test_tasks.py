"""Investigation tasks given by the handler (A26.2, A26.3): the owner sees the task on their
home page, not the matter, and reports it done."""

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.test import Client

from benchguard.matters import services
from benchguard.matters.models import InvestigationTask, Matter
from benchguard.matters.tests.conftest import at
from benchguard.organization.models import Account, Person


def _give_police(matter: Matter, office: Account, description: str) -> InvestigationTask:
    """The office gives the police officer a task on the matter, due in four days."""
    with time_machine.travel(at("2026-11-30"), tick=False):
        return services.add_task(
            actor=office,
            matter=matter,
            owner=Person.objects.get(account__username="police"),
            description=description,
            due_date=dt.date(2026, 12, 4),
        )


@pytest.fixture
def accepted(application: Callable[..., Matter], persona: Callable[[str], Account]) -> Matter:
    with time_machine.travel(at("2026-11-30"), tick=False):
        return services.accept_matter(actor=persona("office"), matter=application("judge"))


def test_the_owner_sees_the_task_and_reports_it_done(
    accepted: Matter, persona: Callable[[str], Account], client_as: Callable[[str | None], Client]
) -> None:
    task = _give_police(accepted, persona("office"), "调取门口监控录像。")
    client = client_as("police")
    home = client.get("/").content.decode()
    assert "调取门口监控录像。" in home
    assert client.get(f"/matters/{accepted.pk}/").status_code == 404  # the task, not the matter
    response = client.post(f"/matters/tasks/{task.pk}/done/", {"result": "已调取并移交公安。"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.done_at is not None and task.result == "已调取并移交公安。"
    office_view = client_as("office").get(f"/matters/{accepted.pk}/").content.decode()
    assert "已调取并移交公安。" in office_view
    # Another person cannot touch it.
    assert client_as("guard").post(f"/matters/tasks/{task.pk}/done/", {"result": "x"}).status_code == 404


def test_a_task_needs_someone_of_the_court_a_description_and_a_future_date(
    accepted: Matter, persona: Callable[[str], Account]
) -> None:
    other_court = Person.objects.get(account__username="judge2")
    with time_machine.travel(at("2026-11-30"), tick=False), pytest.raises(ValidationError) as caught:
        services.add_task(
            actor=persona("office"),
            matter=accepted,
            owner=other_court,
            description=" ",
            due_date=dt.date(2026, 11, 29),
        )
    assert set(caught.value.error_dict) == {"owner", "description", "due_date"}
    assert InvestigationTask.objects.filter(matter=accepted).count() == 0


def test_a_task_is_reported_done_once(accepted: Matter, persona: Callable[[str], Account]) -> None:
    task = _give_police(accepted, persona("office"), "走访。")
    services.complete_task(actor=persona("police"), task=task, result="完成。")
    with pytest.raises(ValidationError) as caught:
        services.complete_task(actor=persona("police"), task=task, result="再次。")
    assert caught.value.code == "done"
