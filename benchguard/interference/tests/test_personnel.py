"""Personnel actions concerning judges and the committee's review (A7.2): an action
against a judge who recorded interference is flagged to the committee, never to the
personnel office."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchguard.interference import services
from benchguard.interference.choices import ActionKind, ActionStatus, ReviewOpinion
from benchguard.interference.models import Entry, PersonnelAction, ProtectionFlag
from benchguard.notifications.models import Notification
from benchguard.organization.models import Person

pytestmark = pytest.mark.django_db


def _record(persona: Any, judge: Person, **changes: Any) -> PersonnelAction:
    fields: dict[str, Any] = {
        "kind": ActionKind.DEMOTION,
        "ground": "《法官法》第……条",
        "procedure": "党组会议决定",
        "decided_on": timezone.localdate(),
        **changes,
    }
    return services.record_action(actor=persona("personnel"), judge=judge, **fields)


def test_an_action_against_a_judge_who_recorded_interference_is_flagged_to_the_committee_only(
    persona: Any,
    person_of: Any,
    client_as: Callable[[str | None], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    judge = person_of("judge")
    assert Entry.objects.filter(judge=judge).exists()
    with django_capture_on_commit_callbacks(execute=True):
        action = _record(persona, judge)
    flag = ProtectionFlag.objects.get(action=action)
    assert flag.entries == Entry.objects.filter(judge=judge, amends__isnull=True).count()
    url = reverse("interference:action_detail", args=[action.pk])
    for username in ("office", "chair", "vicechair", "member"):
        assert 'data-testid="flag"' in client_as(username).get(url).content.decode(), username
    for username in ("personnel", "judge"):
        page = client_as(username).get(url)
        assert page.status_code == 200 and 'data-testid="flag"' not in page.content.decode(), username
        listing = client_as(username).get(reverse("interference:action_list")).content.decode()
        assert 'data-testid="flag"' not in listing
        api = client_as(username).get(reverse("api-interference-action-detail", args=[action.pk])).json()
        assert "flag" not in str(api).lower()
    assert (
        'data-testid="flag"' in client_as("office").get(reverse("interference:action_list")).content.decode()
    )
    flagged = Notification.objects.filter(kind="interference.action.flagged", url=url)
    assert {n.recipient.username for n in flagged} == {"office", "chair", "vicechair"}
    assert not Notification.objects.filter(recipient=persona("personnel"), url=url).exists()


def test_an_action_against_another_judge_is_not_flagged(persona: Any, person_of: Any) -> None:
    action = _record(persona, person_of("staff"))
    assert not ProtectionFlag.objects.filter(action=action).exists()


def test_an_entry_older_than_the_look_back_years_protects_no_longer(persona: Any, person_of: Any) -> None:
    judge = person_of("judge")
    later = timezone.now() + dt.timedelta(days=3 * 366)
    with time_machine.travel(later, tick=False):
        action = _record(persona, judge)
    assert not ProtectionFlag.objects.filter(action=action).exists()
    settings = services.settings_for(judge.court_id)
    settings.protection_years = 4
    settings.save()
    with time_machine.travel(later, tick=False):
        action = _record(persona, judge, kind=ActionKind.TRANSFER)
    assert ProtectionFlag.objects.filter(action=action).exists()


def test_only_the_personnel_office_records_with_ground_and_procedure(persona: Any, person_of: Any) -> None:
    with pytest.raises(PermissionDenied):
        services.record_action(
            actor=persona("office"), judge=person_of("judge"), kind=ActionKind.REMOVAL,
            ground="x", procedure="y", decided_on=timezone.localdate(),
        )  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        _record(persona, person_of("judge"), ground=" ")
    assert "ground" in refused.value.error_dict


def test_the_office_prepares_and_the_chair_gives_the_opinion(persona: Any, person_of: Any) -> None:
    action = _record(persona, person_of("staff"))
    with pytest.raises(ValidationError):
        services.give_opinion(
            actor=persona("chair"), action=action, expected_version=action.version,
            opinion=ReviewOpinion.LAWFUL, opinion_text="合法",
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        services.prepare_review(
            actor=persona("personnel"), action=action, expected_version=action.version, preparation="x"
        )
    action = services.prepare_review(
        actor=persona("office"), action=action, expected_version=action.version, preparation="已核对"
    )
    with pytest.raises(PermissionDenied):
        services.give_opinion(
            actor=persona("office"), action=action, expected_version=action.version,
            opinion=ReviewOpinion.LAWFUL, opinion_text="合法",
        )  # fmt: skip
    action = services.give_opinion(
        actor=persona("vicechair"), action=action, expected_version=action.version,
        opinion=ReviewOpinion.DEFECTIVE, opinion_text="程序缺少本人陈述申辩环节，建议纠正",
    )  # fmt: skip
    assert action.status == ActionStatus.REVIEWED and action.reviewed_by == persona("vicechair")
    assert action.right.code == "career"
