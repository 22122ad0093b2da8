"""Courtroom sanctions (A9.3): the statutory caps of fines and detention for each
procedure (Civil Procedure Law art. 118, Administrative Litigation Law art. 59, Criminal
Procedure Law art. 199), worked out by hand at each edge; the president's approval of
fines and detention; and the caps as a setting only the city administrator changes."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from benchguard.incidents import services
from benchguard.incidents.choices import (
    SEVERITY,
    IncidentKind,
    Procedure,
    SanctionMeasure,
    SanctionStatus,
)
from benchguard.incidents.models import Sanction, SanctionCap
from benchguard.incidents.tests.helpers import INDIVIDUAL, ORGANIZATION, field_codes
from benchguard.notifications.models import Notification
from benchguard.organization import services as org
from benchguard.organization.choices import Role

pytestmark = pytest.mark.django_db


def field_messages(exc: ValidationError, field: str) -> str:
    return " ".join(str(message) for error in exc.error_dict.get(field, []) for message in error)


@pytest.fixture
def courtroom(report, impose):
    """courtroom(procedure): a courtroom disorder reported by the presiding judge. Under
    the criminal procedure 赵某 and 钱某 have already been warned (the warning comes
    first, Criminal Procedure Law art. 199; test_criminal_procedure_warns_first)."""

    def make(procedure: str = Procedure.CIVIL, warned: tuple[str, ...] = ("赵某", "钱某")):
        incident = report(IncidentKind.COURTROOM, actor="judge", procedure=procedure)
        if procedure == Procedure.CRIMINAL:
            for name in warned:
                impose(
                    incident,
                    SanctionMeasure.WARNING,
                    subject_name=name,
                    reason="旁听时大声喧哗，审判长警告制止。",
                )
        return incident

    return make


# --- The caps -------------------------------------------------------------------------------------

ACCEPTED_FINES = [
    (Procedure.CIVIL, INDIVIDUAL, 100_000),
    (Procedure.CIVIL, ORGANIZATION, 50_000),
    (Procedure.CIVIL, ORGANIZATION, 1_000_000),
    (Procedure.ADMINISTRATIVE, INDIVIDUAL, 10_000),
    (Procedure.CRIMINAL, INDIVIDUAL, 1_000),
]

# (procedure, subject, amount, the cap the message names)
REFUSED_FINES = [
    (Procedure.CIVIL, INDIVIDUAL, 100_001, ["100,000"]),
    (Procedure.CIVIL, ORGANIZATION, 49_999, ["50,000", "1,000,000"]),
    (Procedure.CIVIL, ORGANIZATION, 1_000_001, ["50,000", "1,000,000"]),
    (Procedure.ADMINISTRATIVE, INDIVIDUAL, 10_001, ["10,000"]),
    (Procedure.CRIMINAL, INDIVIDUAL, 1_001, ["1,000"]),
]


@pytest.mark.parametrize(("procedure", "subject_kind", "amount"), ACCEPTED_FINES)
def test_a_fine_at_the_cap_is_accepted(courtroom, impose, procedure, subject_kind, amount) -> None:
    fine = impose(courtroom(procedure), SanctionMeasure.FINE, subject_kind=subject_kind, amount=amount)
    stored = Sanction.objects.get(pk=fine.pk)
    assert stored.amount == amount
    assert stored.subject_kind == subject_kind
    assert stored.status == SanctionStatus.PENDING


@pytest.mark.parametrize(("procedure", "subject_kind", "amount", "named"), REFUSED_FINES)
def test_a_fine_beyond_the_cap_is_refused_naming_the_cap(
    courtroom, impose, procedure, subject_kind, amount, named
) -> None:
    incident = courtroom(procedure)
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.FINE, subject_kind=subject_kind, amount=amount)
    assert field_codes(caught.value, "amount") == ["over_cap"]
    message = field_messages(caught.value, "amount")
    for cap in named:
        assert cap in message
    assert not incident.sanctions.filter(measure=SanctionMeasure.FINE).exists()


@pytest.mark.parametrize("procedure", list(Procedure.values))
def test_detention_is_at_most_fifteen_days(courtroom, impose, procedure) -> None:
    incident = courtroom(procedure)
    detention = impose(incident, SanctionMeasure.DETENTION, days=15)
    assert detention.days == 15 and detention.status == SanctionStatus.PENDING
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.DETENTION, subject_name="钱某", days=16)
    assert field_codes(caught.value, "days") == ["over_cap"]
    assert "15" in field_messages(caught.value, "days")
    assert list(incident.sanctions.exclude(days=None).values_list("days", flat=True)) == [15]


def test_an_organisation_is_not_detained(courtroom, impose) -> None:
    incident = courtroom(Procedure.CIVIL)
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.DETENTION, subject_kind=ORGANIZATION, subject_name="某公司", days=5)
    assert field_codes(caught.value, "subject_kind") == ["detention_organisation"]
    assert not incident.sanctions.exists()


def test_a_fine_or_detention_needs_its_amount_or_days(courtroom, impose) -> None:
    incident = courtroom(Procedure.CIVIL)
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.FINE)
    assert "amount" in caught.value.error_dict
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.DETENTION)
    assert "days" in caught.value.error_dict
    assert not incident.sanctions.exists()


# --- Taking effect and the president's approval ----------------------------------------------------

AT_ONCE = [
    SanctionMeasure.WARNING,
    SanctionMeasure.REPRIMAND,
    SanctionMeasure.REPENTANCE,
    SanctionMeasure.ORDER_TO_LEAVE,
    SanctionMeasure.REMOVAL,
]


@pytest.mark.parametrize("measure", AT_ONCE)
def test_lighter_measures_take_effect_at_once(courtroom, impose, persona, measure) -> None:
    sanction = impose(courtroom(), measure, amount=500, days=3)
    stored = Sanction.objects.get(pk=sanction.pk)
    assert stored.status == SanctionStatus.IN_EFFECT
    assert stored.amount is None and stored.days is None
    assert stored.decided_by == persona("judge")
    assert not Notification.objects.filter(dedupe_key=f"incidents.sanction:{sanction.pk}").exists()


@pytest.mark.parametrize(
    ("measure", "facts"), [(SanctionMeasure.FINE, {"amount": 2000}), (SanctionMeasure.DETENTION, {"days": 5})]
)
def test_a_fine_or_detention_waits_for_the_president(courtroom, impose, persona, measure, facts) -> None:
    sanction = impose(courtroom(), measure, **facts)
    assert sanction.status == SanctionStatus.PENDING
    assert sanction.approved_by is None
    told = Notification.objects.filter(dedupe_key=f"incidents.sanction:{sanction.pk}")
    assert set(told.values_list("recipient__username", flat=True)) == {"chair"}
    assert told.get().kind == "incidents.sanction"


def test_only_the_president_of_the_court_decides(courtroom, impose, persona) -> None:
    fine = impose(courtroom(), SanctionMeasure.FINE, amount=2000)
    for username in ("leader", "vicechair", "judge", "police", "office", "judge2", "cityadmin"):
        with pytest.raises(PermissionDenied):
            services.decide_sanction(
                actor=persona(username), sanction=fine, expected_version=fine.version, approve=True
            )
    assert Sanction.objects.get(pk=fine.pk).status == SanctionStatus.PENDING


def test_the_president_of_another_court_does_not_decide(courtroom, impose, base_court) -> None:
    president = org.create_account(
        actor=None, username="president_shinan", display_name="市南院长", password=None
    )
    org.assign_role(actor=None, account=president, role=Role.COURT_PRESIDENT, court=base_court)
    fine = impose(courtroom(), SanctionMeasure.FINE, amount=2000)
    assert not Notification.objects.filter(recipient=president).exists()
    with pytest.raises(PermissionDenied):
        services.decide_sanction(actor=president, sanction=fine, expected_version=fine.version, approve=True)
    assert Sanction.objects.get(pk=fine.pk).status == SanctionStatus.PENDING


def test_the_president_approves_and_cannot_decide_twice(courtroom, impose, persona) -> None:
    fine = impose(courtroom(), SanctionMeasure.FINE, amount=2000)
    chair = persona("chair")
    approved = services.decide_sanction(
        actor=chair, sanction=fine, expected_version=fine.version, approve=True
    )
    assert approved.status == SanctionStatus.IN_EFFECT
    assert approved.approved_by == chair
    assert approved.approved_at is not None
    assert Notification.objects.filter(
        recipient=persona("judge"), dedupe_key=f"incidents.sanction.decided:{fine.pk}"
    ).exists()
    with pytest.raises(ValidationError) as caught:
        services.decide_sanction(
            actor=chair,
            sanction=approved,
            expected_version=approved.version,
            approve=False,
            reason="改变主意",
        )
    assert caught.value.code == "invalid_transition"
    assert Sanction.objects.get(pk=fine.pk).status == SanctionStatus.IN_EFFECT


def test_a_refusal_needs_a_reason(courtroom, impose, persona) -> None:
    detention = impose(courtroom(), SanctionMeasure.DETENTION, days=10)
    chair = persona("chair")
    with pytest.raises(ValidationError) as caught:
        services.decide_sanction(
            actor=chair, sanction=detention, expected_version=detention.version, approve=False, reason=" "
        )
    assert "reason" in caught.value.error_dict
    assert Sanction.objects.get(pk=detention.pk).status == SanctionStatus.PENDING
    refused = services.decide_sanction(
        actor=chair, sanction=detention, expected_version=detention.version, approve=False, reason="情节较轻"
    )
    assert refused.status == SanctionStatus.REFUSED
    assert refused.refusal_reason == "情节较轻"
    assert refused.approved_by == chair
    with pytest.raises(ValidationError) as caught:
        services.decide_sanction(
            actor=chair, sanction=refused, expected_version=refused.version, approve=True
        )
    assert caught.value.code == "invalid_transition"


@pytest.mark.parametrize("kind", [k for k in IncidentKind.values if k != IncidentKind.COURTROOM])
def test_sanctions_belong_to_courtroom_disorder(report, impose, kind) -> None:
    incident = report(kind, actor="police")
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.WARNING, actor="police")
    assert caught.value.code == "invalid_kind"
    assert not incident.sanctions.exists()


def test_a_judge_not_involved_does_not_sanction(courtroom, impose) -> None:
    incident = courtroom()
    with pytest.raises(PermissionDenied):
        impose(incident, SanctionMeasure.WARNING, actor="member")
    with pytest.raises(PermissionDenied):
        impose(incident, SanctionMeasure.WARNING, actor="judge2")


# --- The caps as a setting --------------------------------------------------------------------------


def test_the_city_admin_changes_a_cap_and_the_limit_follows(courtroom, impose, persona) -> None:
    incident = courtroom(Procedure.CRIMINAL)
    with pytest.raises(ValidationError):
        impose(incident, SanctionMeasure.FINE, amount=1_500)
    cap = SanctionCap.objects.get(procedure=Procedure.CRIMINAL)
    saved = services.update_sanction_cap(
        actor=persona("cityadmin"),
        cap=cap,
        expected_version=cap.version,
        changes={"fine_individual_max": 2_000, "fine_organization_max": 2_000, "detention_max_days": 10},
    )
    assert saved.fine_individual_max == 2_000
    assert impose(incident, SanctionMeasure.FINE, amount=1_500).amount == 1_500
    assert impose(incident, SanctionMeasure.FINE, amount=2_000).amount == 2_000
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.FINE, amount=2_001)
    assert field_codes(caught.value, "amount") == ["over_cap"]
    assert "2,000" in field_messages(caught.value, "amount")
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.DETENTION, days=11)
    assert field_codes(caught.value, "days") == ["over_cap"]
    assert "10" in field_messages(caught.value, "days")


@pytest.mark.parametrize("username", ["admin", "office", "chair", "police", "judge"])
def test_only_the_city_admin_changes_a_cap(persona, username) -> None:
    cap = SanctionCap.objects.get(procedure=Procedure.CIVIL)
    with pytest.raises(PermissionDenied):
        services.update_sanction_cap(
            actor=persona(username),
            cap=cap,
            expected_version=cap.version,
            changes={"fine_individual_max": 1},
        )
    assert SanctionCap.objects.get(pk=cap.pk).fine_individual_max == 100_000


def test_severity_orders_the_measures() -> None:
    order = [
        SanctionMeasure.WARNING,
        SanctionMeasure.REPRIMAND,
        SanctionMeasure.REPENTANCE,
        SanctionMeasure.ORDER_TO_LEAVE,
        SanctionMeasure.REMOVAL,
        SanctionMeasure.FINE,
        SanctionMeasure.DETENTION,
        SanctionMeasure.CRIMINAL_REFERRAL,
    ]
    assert set(SEVERITY) == set(order)
    ranks = [SEVERITY[measure] for measure in order]
    assert ranks == sorted(ranks)
    assert len(set(ranks)) == len(ranks)
