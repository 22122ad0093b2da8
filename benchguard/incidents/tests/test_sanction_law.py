"""Courtroom fines and detention under each procedure (A9.3, issue 9): units are fined
only under the Civil Procedure Law (art. 118), elsewhere the responsible person is
sanctioned (Administrative Litigation Law art. 59, Criminal Procedure Law art. 199);
the criminal procedure warns first; the written decision prints; the person applies
once to the next-higher court for reconsideration, which does not suspend enforcement.
Every date below is worked out by hand against the 2026 holiday table."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from benchguard.core.models import AuditEntry
from benchguard.core.services import StaleEditError
from benchguard.incidents import services
from benchguard.incidents.caps import CIVIL_STATUTE, CIVIL_STATUTE_2021, bring_seeded_caps_up_to_date
from benchguard.incidents.choices import (
    IncidentKind,
    Procedure,
    ReconsiderationOutcome,
    SanctionMeasure,
    SanctionStatus,
)
from benchguard.incidents.models import Reconsideration, Sanction, SanctionCap
from benchguard.incidents.tests.helpers import INDIVIDUAL, ORGANIZATION, field_codes

pytestmark = pytest.mark.django_db
TZ = dt.timezone(dt.timedelta(hours=8))


@pytest.fixture
def courtroom(report):
    def make(procedure: str = Procedure.CIVIL):
        return report(IncidentKind.COURTROOM, actor="judge", procedure=procedure)

    return make


@pytest.fixture
def approved_fine(courtroom, impose, persona):
    """approved_fine(procedure=civil): a fine of RMB 1,000 on 赵某 (warned first), approved
    by the president now."""

    def make(procedure: str = Procedure.CIVIL) -> Sanction:
        incident = courtroom(procedure)
        impose(incident, SanctionMeasure.WARNING)
        fine = impose(incident, SanctionMeasure.FINE, amount=1_000)
        return services.decide_sanction(
            actor=persona("chair"), sanction=fine, expected_version=fine.version, approve=True
        )

    return make


@pytest.fixture
def apply(persona):
    """apply(sanction, received, applied, by="police", **more): the application for
    reconsideration of `sanction` (received and applied today unless given)."""

    def make(sanction, received=None, applied=None, *, by: str = "police", **more) -> Reconsideration:
        today = timezone.localdate()
        return services.apply_for_reconsideration(
            actor=persona(by),
            sanction=sanction,
            decision_received_on=received or today,
            applied_on=applied or today,
            **more,
        )

    return make


@pytest.fixture
def answer(persona):
    """answer(row, outcome, by="office", version=the row's, **more): the higher court's
    decision on the application `row`, today."""

    def make(row, outcome, *, by: str = "office", version: int | None = None, **more) -> Reconsideration:
        return services.record_reconsideration_outcome(
            actor=persona(by),
            reconsideration=row,
            expected_version=row.version if version is None else version,
            outcome=outcome,
            outcome_on=timezone.localdate(),
            **more,
        )

    return make


# --- 8. Fines fall on people except under the civil procedure -----------------------------------


def test_the_seeded_caps_say_who_can_be_fined_and_cite_the_2023_revision() -> None:
    caps = {cap.procedure: cap for cap in SanctionCap.objects.all()}
    assert caps[Procedure.CIVIL].fines_organisations is True
    assert caps[Procedure.ADMINISTRATIVE].fines_organisations is False
    assert caps[Procedure.CRIMINAL].fines_organisations is False
    civil = caps[Procedure.CIVIL].statute
    assert "2023年修正" in civil and "2024年1月1日" in civil and "第一百一十八条" in civil
    assert (caps[Procedure.CIVIL].fine_organization_min, caps[Procedure.CIVIL].fine_organization_max) == (
        50_000,
        1_000_000,
    )
    assert [caps[p].reconsideration_days for p in Procedure.values] == [3, 3, None]


@pytest.mark.parametrize("procedure", [Procedure.ADMINISTRATIVE, Procedure.CRIMINAL])
@pytest.mark.parametrize("measure", [SanctionMeasure.FINE, SanctionMeasure.WARNING])
def test_a_unit_is_not_sanctioned_outside_the_civil_procedure(courtroom, impose, procedure, measure) -> None:
    incident = courtroom(procedure)
    with pytest.raises(ValidationError) as caught:
        impose(incident, measure, subject_name="某房地产公司", subject_kind=ORGANIZATION, amount=500)
    assert field_codes(caught.value, "subject_kind") == ["organisation_not_liable"]
    assert not incident.sanctions.exists()


@pytest.mark.parametrize(
    ("procedure", "amount"), [(Procedure.ADMINISTRATIVE, 10_000), (Procedure.CRIMINAL, 1_000)]
)
def test_the_responsible_person_of_a_unit_is_fined_instead(courtroom, impose, procedure, amount) -> None:
    incident = courtroom(procedure)
    impose(incident, SanctionMeasure.WARNING, subject_name="李某")
    fine = impose(
        incident, SanctionMeasure.FINE, subject_name="李某", on_behalf_of="某房地产公司", amount=amount
    )
    stored = Sanction.objects.get(pk=fine.pk)
    assert (stored.subject_kind, stored.subject_name, stored.on_behalf_of) == (
        INDIVIDUAL,
        "李某",
        "某房地产公司",
    )
    assert stored.amount == amount and stored.status == SanctionStatus.PENDING


def test_under_the_civil_procedure_a_unit_is_fined_but_not_otherwise_sanctioned(courtroom, impose) -> None:
    incident = courtroom(Procedure.CIVIL)
    assert impose(
        incident, SanctionMeasure.FINE, subject_name="某公司", subject_kind=ORGANIZATION, amount=50_000
    )
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.REPRIMAND, subject_name="某公司", subject_kind=ORGANIZATION)
    assert field_codes(caught.value, "subject_kind") == ["organisation_not_liable"]
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.DETENTION, subject_name="某公司", subject_kind=ORGANIZATION, days=3)
    assert field_codes(caught.value, "subject_kind") == ["detention_organisation"]
    assert incident.sanctions.count() == 1


def test_the_migration_brings_the_seeded_caps_up_to_date_and_keeps_corrections(persona) -> None:
    admin = persona("cityadmin")
    civil = SanctionCap.objects.get(procedure=Procedure.CIVIL)
    services.update_sanction_cap(
        actor=admin,
        cap=civil,
        expected_version=civil.version,
        changes={"statute": CIVIL_STATUTE_2021, "fines_organisations": False, "reconsideration_days": None},
    )
    administrative = SanctionCap.objects.get(procedure=Procedure.ADMINISTRATIVE)
    services.update_sanction_cap(
        actor=admin,
        cap=administrative,
        expected_version=administrative.version,
        changes={
            "fine_organization_max": 20_000,
            "fine_individual_max": 12_000,
            "statute": "行政诉讼法（更正）",
        },
    )
    bring_seeded_caps_up_to_date(SanctionCap)
    civil = SanctionCap.objects.get(procedure=Procedure.CIVIL)
    assert civil.statute == CIVIL_STATUTE
    assert civil.fines_organisations is True and civil.reconsideration_days == 3
    administrative = SanctionCap.objects.get(procedure=Procedure.ADMINISTRATIVE)
    assert administrative.fine_organization_max == 20_000  # not the seeded 10,000: a correction
    assert administrative.fine_individual_max == 12_000
    assert administrative.statute == "行政诉讼法（更正）"
    assert administrative.fines_organisations is False


# --- 9. The criminal procedure warns first --------------------------------------------------------


@pytest.mark.parametrize(
    ("measure", "facts"),
    [
        (SanctionMeasure.REMOVAL, {}),
        (SanctionMeasure.FINE, {"amount": 1_000}),
        (SanctionMeasure.DETENTION, {"days": 15}),
    ],
)
def test_under_the_criminal_procedure_the_person_is_warned_first(courtroom, impose, measure, facts) -> None:
    incident = courtroom(Procedure.CRIMINAL)
    with pytest.raises(ValidationError) as caught:
        impose(incident, measure, subject_name="孙某", **facts)
    assert field_codes(caught.value, "measure") == ["warning_first"]
    assert "孙某" in caught.value.message_dict["measure"][0]
    impose(incident, SanctionMeasure.WARNING, subject_name="赵某")  # someone else's warning
    with pytest.raises(ValidationError) as caught:
        impose(incident, measure, subject_name="孙某", **facts)
    assert field_codes(caught.value, "measure") == ["warning_first"]
    impose(incident, SanctionMeasure.WARNING, subject_name="孙某")
    after = impose(incident, measure, subject_name=" 孙 某 ", **facts)  # the same name, spaced
    assert after.measure == measure
    assert list(incident.sanctions.values_list("measure", flat=True)) == [
        SanctionMeasure.WARNING,
        SanctionMeasure.WARNING,
        measure,
    ]


def test_another_incidents_warning_does_not_count(courtroom, impose) -> None:
    earlier = courtroom(Procedure.CRIMINAL)
    impose(earlier, SanctionMeasure.WARNING, subject_name="孙某")
    incident = courtroom(Procedure.CRIMINAL)
    with pytest.raises(ValidationError) as caught:
        impose(incident, SanctionMeasure.FINE, subject_name="孙某", amount=500)
    assert field_codes(caught.value, "measure") == ["warning_first"]


@pytest.mark.parametrize("procedure", [Procedure.CIVIL, Procedure.ADMINISTRATIVE])
def test_other_procedures_do_not_require_a_warning(courtroom, impose, procedure) -> None:
    assert impose(courtroom(procedure), SanctionMeasure.FINE, subject_name="孙某", amount=800).pk


# --- 9. Reconsideration ----------------------------------------------------------------------------

# (day the decision was received, last day to apply) under the civil procedure: 3 days
# from the next day, a last day on a rest day or holiday moved to the next working day.
DUE_CASES = [
    # Mon 2 Mar 2026: Tue 3, Wed 4, Thu 5 → Thu 5 Mar.
    (dt.date(2026, 3, 2), dt.date(2026, 3, 5)),
    # Thu 5 Mar: Fri 6, Sat 7, Sun 8 → Mon 9 Mar.
    (dt.date(2026, 3, 5), dt.date(2026, 3, 9)),
    # Tue 29 Sep: Wed 30, Thu 1 Oct, Fri 2 Oct (国庆节 1–7 Oct) → Thu 8 Oct.
    (dt.date(2026, 9, 29), dt.date(2026, 10, 8)),
    # Wed 7 Oct (a holiday): Thu 8, Fri 9, Sat 10 Oct, a make-up workday → stays Sat 10 Oct.
    (dt.date(2026, 10, 7), dt.date(2026, 10, 10)),
]


@pytest.mark.parametrize(("received", "due"), DUE_CASES)
def test_the_period_to_apply_is_three_days_from_receipt(received, due) -> None:
    assert services.reconsideration_due(procedure=Procedure.CIVIL, received_on=received) == due
    assert services.reconsideration_due(procedure=Procedure.ADMINISTRATIVE, received_on=received) == due
    assert services.reconsideration_due(procedure=Procedure.CRIMINAL, received_on=received) is None


def test_an_application_is_recorded_once_and_enforcement_goes_on(approved_fine, apply, court) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False):
        fine = approved_fine()
    with time_machine.travel(dt.datetime(2026, 3, 4, 15, 0, tzinfo=TZ), tick=False):
        row = apply(fine, dt.date(2026, 3, 2), dt.date(2026, 3, 4), grounds="认为罚款过重。")
        assert row.higher_court == court.parent
        assert row.higher_court.name == "山东省高级人民法院"
        assert row.due_on == dt.date(2026, 3, 5)
        assert not row.late
        assert row.outcome == ReconsiderationOutcome.PENDING
        assert Sanction.objects.get(pk=fine.pk).status == SanctionStatus.IN_EFFECT  # not suspended
        assert AuditEntry.objects.filter(action="incidents.sanction.reconsideration").exists()
        with pytest.raises(ValidationError) as caught:
            apply(fine, dt.date(2026, 3, 2), dt.date(2026, 3, 4), by="chair")
        assert caught.value.code == "once"
    assert Reconsideration.objects.filter(sanction=fine).count() == 1


def test_an_application_after_the_period_is_recorded_as_late(approved_fine, apply) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 2, 10, 0, tzinfo=TZ), tick=False):
        fine = approved_fine()
    with time_machine.travel(dt.datetime(2026, 3, 12, 9, 0, tzinfo=TZ), tick=False):
        # Received Thu 5 Mar → last day Mon 9 Mar; applied Tue 10 Mar: one day late.
        row = apply(fine, dt.date(2026, 3, 5), dt.date(2026, 3, 10), by="chair")
    assert row.due_on == dt.date(2026, 3, 9)
    assert row.late


def test_the_dates_of_an_application_are_checked(approved_fine, apply) -> None:
    with time_machine.travel(dt.datetime(2026, 3, 3, 10, 0, tzinfo=TZ), tick=False):
        fine = approved_fine()
    cases = [
        # received before the president approved (3 Mar)
        (
            {"decision_received_on": dt.date(2026, 3, 2), "applied_on": dt.date(2026, 3, 4)},
            "decision_received_on",
            "before_decision",
        ),
        # applied before receiving it
        (
            {"decision_received_on": dt.date(2026, 3, 4), "applied_on": dt.date(2026, 3, 3)},
            "applied_on",
            "before_receipt",
        ),
        # applied tomorrow (today is 5 Mar)
        (
            {"decision_received_on": dt.date(2026, 3, 4), "applied_on": dt.date(2026, 3, 6)},
            "applied_on",
            "future",
        ),
    ]
    with time_machine.travel(dt.datetime(2026, 3, 5, 10, 0, tzinfo=TZ), tick=False):
        for dates, field, code in cases:
            with pytest.raises(ValidationError) as caught:
                apply(fine, dates["decision_received_on"], dates["applied_on"])
            assert field_codes(caught.value, field) == [code]
    assert not Reconsideration.objects.filter(sanction=fine).exists()


def test_only_an_approved_fine_or_detention_is_reconsidered(courtroom, impose, apply) -> None:
    incident = courtroom()
    warning = impose(incident, SanctionMeasure.WARNING)
    pending = impose(incident, SanctionMeasure.DETENTION, days=5)
    for sanction in (warning, pending):
        with pytest.raises(ValidationError) as caught:
            apply(sanction)
        assert caught.value.code == "no_decision"


@pytest.mark.parametrize("username", ["judge", "vicechair", "leader", "chief"])
def test_who_records_an_application(approved_fine, apply, username) -> None:
    fine = approved_fine()
    with pytest.raises(PermissionDenied):
        apply(fine, by=username)


def test_the_higher_court_upholds_and_the_answer_is_recorded_once(approved_fine, apply, answer) -> None:
    fine = approved_fine()
    row = apply(fine)
    today = timezone.localdate()
    saved = answer(row, ReconsiderationOutcome.UPHELD)
    assert saved.outcome == ReconsiderationOutcome.UPHELD and saved.outcome_on == today
    assert Sanction.objects.get(pk=fine.pk).status == SanctionStatus.IN_EFFECT
    with pytest.raises(ValidationError) as caught:
        answer(saved, ReconsiderationOutcome.REVOKED)
    assert caught.value.code == "invalid_transition"
    with pytest.raises(StaleEditError):
        answer(saved, ReconsiderationOutcome.REVOKED, version=row.version)


def test_a_revoked_decision_is_no_longer_in_effect(approved_fine, apply, answer) -> None:
    fine = approved_fine()
    row = apply(fine)
    answer(row, ReconsiderationOutcome.REVOKED, by="chair", note="上一级法院认为罚款不当，予以撤销。")
    assert Sanction.objects.get(pk=fine.pk).status == SanctionStatus.REVOKED


def test_a_varied_decision_says_how(approved_fine, apply, answer) -> None:
    fine = approved_fine()
    row = apply(fine)
    with pytest.raises(ValidationError) as caught:
        answer(row, ReconsiderationOutcome.VARIED, by="police", note=" ")
    assert field_codes(caught.value, "note") == ["required"]
    assert Reconsideration.objects.get(pk=row.pk).outcome == ReconsiderationOutcome.PENDING


# --- 9. The printable decision ---------------------------------------------------------------------


def test_the_decision_prints_with_its_basis_approval_and_the_right_to_reconsideration(
    approved_fine, client_as, court
) -> None:
    fine = approved_fine()
    response = client_as("chair").get(reverse("incidents:sanction_decision", args=[fine.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert court.name in page  # the court
    assert "赵某" in page  # the person
    assert "违反法庭规则，扰乱法庭秩序。" in page  # the facts
    assert "第一百一十八条" in page and "2023年修正" in page  # the legal basis
    assert "1000" in page  # the sanction
    assert "刘建国" in page  # the president who approved it
    assert "山东省高级人民法院" in page  # where to apply
    assert response.context["cap"].reconsideration_days == 3
    assert AuditEntry.objects.filter(action="incidents.sanction.decision", kind="access").exists()


def test_a_pending_fine_has_no_decision_to_print(courtroom, impose, client_as) -> None:
    fine = impose(courtroom(), SanctionMeasure.FINE, amount=500)
    response = client_as("judge").get(reverse("incidents:sanction_decision", args=[fine.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("incidents:incident_detail", args=[fine.incident_id])


def test_an_application_through_the_incident_page_keeps_the_input_when_refused(
    approved_fine, client_as
) -> None:
    fine = approved_fine()
    url = reverse("incidents:apply_for_reconsideration", args=[fine.pk])
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    police = client_as("police")
    refused = police.post(
        url,
        {
            f"rc{fine.pk}-decision_received_on": today.isoformat(),
            f"rc{fine.pk}-applied_on": tomorrow.isoformat(),
            f"rc{fine.pk}-grounds": "不服罚款",
        },
    )
    assert refused.status_code == 400
    shown = next(s for s in refused.context["incident"].sanctions.all() if s.pk == fine.pk)
    form = shown.reconsideration_form
    assert form.errors["applied_on"]
    assert form["grounds"].value() == "不服罚款"
    assert not Reconsideration.objects.filter(sanction=fine).exists()
    done = police.post(
        url,
        {
            f"rc{fine.pk}-decision_received_on": today.isoformat(),
            f"rc{fine.pk}-applied_on": today.isoformat(),
        },
    )
    assert done.status_code == 302
    assert Reconsideration.objects.get(sanction=fine).applied_on == today


def test_the_incident_page_shows_the_application_and_takes_the_outcome(
    approved_fine, apply, client_as
) -> None:
    fine = approved_fine()
    row = apply(fine)
    detail = reverse("incidents:incident_detail", args=[fine.incident_id])
    page = client_as("police").get(detail)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'data-testid="reconsideration"' in html
    assert row.higher_court.short_name in html
    assert reverse("incidents:reconsideration_outcome", args=[row.pk]) in html
    assert reverse("incidents:sanction_decision", args=[fine.pk]) in html
    today = timezone.localdate().isoformat()
    done = client_as("police").post(
        reverse("incidents:reconsideration_outcome", args=[row.pk]),
        {
            f"ro{row.pk}-version": row.version,
            f"ro{row.pk}-outcome": "upheld",
            f"ro{row.pk}-outcome_on": today,
        },
    )
    assert done.status_code == 302
    assert Reconsideration.objects.get(pk=row.pk).outcome == ReconsiderationOutcome.UPHELD
    after = client_as("police").get(detail).content.decode()
    assert reverse("incidents:reconsideration_outcome", args=[row.pk]) not in after
    # The vice-chair sees the incident but neither prints nor records.
    seen = client_as("vicechair").get(detail).content.decode()
    assert reverse("incidents:sanction_decision", args=[fine.pk]) not in seen


def test_the_city_admin_corrects_who_is_fined_and_the_period_in_the_admin(client_as) -> None:
    cap = SanctionCap.objects.get(procedure=Procedure.CRIMINAL)
    url = reverse("admin:incidents_sanctioncap_change", args=[cap.pk])
    client = client_as("cityadmin")
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "fine_individual_max": 1_000,
            "fine_organization_min": 0,
            "fine_organization_max": 0,
            "detention_max_days": 15,
            "reconsideration_days": 5,
            "statute": cap.statute,
            "loaded_version": cap.version,
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = SanctionCap.objects.get(pk=cap.pk)
    assert saved.reconsideration_days == 5 and saved.fines_organisations is False
    assert saved.version == cap.version + 1
    assert services.reconsideration_due(
        procedure=Procedure.CRIMINAL, received_on=dt.date(2026, 3, 2)
    ) == dt.date(2026, 3, 9)  # Tue 3 … Sat 7 Mar → Mon 9 Mar
