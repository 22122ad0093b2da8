"""A group petition about a registered case (issue 12 part 4; A13.1, A13.2): the case
judge comes from the case, the reception rule uses it — the case judge never receives —
and a case at a level that needs a plan makes the rule apply to any incident about it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from benchguard.cases.models import Case
from benchguard.incidents import services
from benchguard.incidents.choices import IncidentKind, Nature
from benchguard.incidents.models import Incident
from benchguard.organization.models import Account, Court, Person

pytestmark = pytest.mark.django_db


def demo_case() -> Case:
    """The demo's case at 重大, tried by 王立明 (judge)."""
    return Case.objects.get(court__division_code="370200", number__contains="民初356号")


def report(persona: Callable[[str], Account], court: Court, kind: str, number: str) -> Incident:
    return services.report_incident(
        actor=persona("police"),
        court=court,
        kind=kind,
        nature=Nature.SIT_IN if kind == IncidentKind.DISTURBANCE else Nature.GROUP_PETITION,
        occurred_at=timezone.now() - dt.timedelta(minutes=30),
        place="立案大厅",
        description="二十余名购房户到院",
        case_number=number,
        people_count=20,
    )


def test_a_group_petition_takes_its_case_judge_from_the_registered_case(
    persona: Callable[[str], Account], court: Court
) -> None:
    case = demo_case()
    typed = case.number.replace("（", "(").replace("）", ")")  # as typed with a half-width keyboard
    incident = report(persona, court, IncidentKind.GROUP_PETITION, typed)
    assert incident.case == case
    judge, source = services.case_judge_of(Incident.objects.get(pk=incident.pk))
    assert (judge, source) == (case.judge, "case")


def test_the_case_judge_of_the_registered_case_never_receives(
    persona: Callable[[str], Account], court: Court, person_of: Callable[[str], Person]
) -> None:
    case = demo_case()
    incident = report(persona, court, IncidentKind.DISTURBANCE, case.number)
    assert services.reception_rule_applies(incident)  # the case is at 重大
    with pytest.raises(ValidationError) as refused:
        services.record_reception(
            actor=persona("police"),
            incident=incident,
            held_at=timezone.now(),
            place="接待室",
            participants=[person_of("judge"), person_of("chief")],
            police=[person_of("police")],
            petitioners=3,
            summary="接待",
        )
    assert refused.value.error_dict["participants"][0].code == "case_judge"


def test_an_unknown_or_foreign_number_links_no_case(persona: Callable[[str], Account], court: Court) -> None:
    assert report(persona, court, IncidentKind.GROUP_PETITION, "（2026）鲁02民初99999号").case is None
    assert report(persona, court, IncidentKind.GROUP_PETITION, "某某案").case is None
