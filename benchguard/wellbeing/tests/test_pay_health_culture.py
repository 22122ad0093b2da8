"""Pay problems tracked to resolution (A22), physical exams per cycle and recuperation
(A23), activities with attendance and the reading room (A24), and the report that splits
each register by category (A2, A28)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from benchguard.core.models import AuditEntry
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Account, Court, Person
from benchguard.wellbeing import selectors, services
from benchguard.wellbeing.choices import ActivityKind, ExamKind, PayIssueStatus, PayKind, PayProblem
from benchguard.wellbeing.models import Activity, HealthExam, PayIssue

pytestmark = pytest.mark.django_db


def _report(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], who: str = "judge"
) -> PayIssue:
    return services.report_pay_issue(
        actor=persona(who),
        person=person_of("judge"),
        kind=PayKind.BONUS,
        problem=PayProblem.SHORT,
        period="2026-06",
        amount_missing=Decimal("1200.00"),
        description="绩效奖金少发。",
    )


def test_a_pay_problem_is_reported_and_resolved(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    issue = _report(persona, person_of)
    assert issue.status == PayIssueStatus.OPEN
    with pytest.raises(PermissionDenied):
        services.resolve_pay_issue(
            actor=persona("union"), issue=issue, resolution="x", resolved_on=timezone.localdate()
        )
    done = services.resolve_pay_issue(
        actor=persona("personnel"), issue=issue, resolution="已补发。", resolved_on=timezone.localdate()
    )
    assert done.status == PayIssueStatus.RESOLVED
    with pytest.raises(ValidationError):
        services.resolve_pay_issue(
            actor=persona("personnel"), issue=done, resolution="again", resolved_on=timezone.localdate()
        )


def test_who_may_report_a_pay_problem(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    _report(persona, person_of, "union")  # the union for a member of its court
    with pytest.raises(PermissionDenied):
        _report(persona, person_of, "staff")  # not for a colleague
    with pytest.raises(PermissionDenied):
        _report(persona, person_of, "judge2")


def test_the_api_resolves_and_refuses_a_stale_version(
    persona: Callable[[str], Account],
    person_of: Callable[[str], Person],
    client_as: Callable[[str | None], Client],
) -> None:
    issue = _report(persona, person_of)
    client = client_as("personnel")
    url = f"/api/wellbeing/pay-issues/{issue.pk}/resolve/"
    body = {"resolution": "已补发。", "resolved_on": str(timezone.localdate())}
    assert (
        client.post(url, {**body, "version": issue.version + 5}, content_type="application/json").status_code
        == 409
    )
    assert (
        client_as("union")
        .post(url, {**body, "version": issue.version}, content_type="application/json")
        .status_code
        == 403
    )
    answer = client.post(url, {**body, "version": issue.version}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "resolved"
    assert client_as("judge2").get(f"/api/wellbeing/pay-issues/{issue.pk}/").status_code == 404


def test_one_regular_exam_a_cycle_and_its_completion(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    personnel = persona("personnel")
    chief = person_of("chief")
    before = selectors.exams_missing_for(personnel)
    exam = services.schedule_exam(
        actor=personnel, person=chief, kind=ExamKind.ANNUAL, scheduled_on=timezone.localdate()
    )
    assert exam.cycle_start == dt.date(timezone.localdate().year, 1, 1)
    with pytest.raises(ValidationError):
        services.schedule_exam(
            actor=personnel, person=chief, kind=ExamKind.ANNUAL, scheduled_on=timezone.localdate()
        )
    services.schedule_exam(
        actor=personnel, person=chief, kind=ExamKind.SPECIAL, scheduled_on=timezone.localdate()
    )
    services.complete_exam(actor=personnel, exam=exam, completed_on=timezone.localdate())
    assert selectors.exams_missing_for(personnel) == before - 1
    with pytest.raises(PermissionDenied):
        services.schedule_exam(actor=persona("leader"), person=chief, scheduled_on=timezone.localdate())
    # Health data: the person and the personnel office only.
    assert not HealthExam.objects.visible_to(persona("leader")).exists()
    assert set(HealthExam.objects.visible_to(persona("judge")).values_list("person__name", flat=True)) == {
        "王立明"
    }


@pytest.mark.parametrize(
    ("day", "months", "start"),
    [
        (dt.date(2026, 12, 2), 12, dt.date(2026, 1, 1)),
        (dt.date(2026, 12, 2), 6, dt.date(2026, 7, 1)),
        (dt.date(2026, 3, 1), 24, dt.date(2026, 1, 1)),
        (dt.date(2027, 3, 1), 24, dt.date(2026, 1, 1)),
    ],
)
def test_exam_cycles_are_a_setting(day: dt.date, months: int, start: dt.date) -> None:
    assert services.cycle_start(day, months) == start


def test_recuperation_for_a_special_post(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.record_recuperation(
            actor=persona("personnel"),
            person=person_of("police"),
            place="崂山",
            starts_on=today,
            ends_on=today - dt.timedelta(days=1),
            reason="司法警察",
        )
    row = services.record_recuperation(
        actor=persona("personnel"),
        person=person_of("police"),
        place="崂山",
        starts_on=today,
        ends_on=today,
        reason="司法警察",
    )
    assert row in selectors.recuperations_for(persona("police"))


def test_activities_record_attendance_once(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], court: Court
) -> None:
    union = persona("union")
    activity = services.add_activity(
        actor=union,
        court=court,
        kind=ActivityKind.SEMINAR,
        title="读书会",
        starts_at=timezone.now(),
    )
    first = services.record_attendance(
        actor=union, activity=activity, people=[person_of("judge"), person_of("staff")]
    )
    again = services.record_attendance(actor=union, activity=activity, people=[person_of("judge")])
    assert len(first) == 2 and again == []
    with pytest.raises(ValidationError):
        services.record_attendance(actor=union, activity=activity, people=[person_of("judge2")])
    with pytest.raises(PermissionDenied):
        services.add_activity(
            actor=persona("judge"), court=court, kind=ActivityKind.EVENT, title="x", starts_at=timezone.now()
        )
    assert not Activity.objects.visible_to(persona("judge2")).filter(pk=activity.pk).exists()


def test_the_reading_room(client_as: Callable[[str | None], Client], court: Court) -> None:
    union = client_as("union")
    response = union.post(
        "/wellbeing/reading-room/",
        {"court": court.pk, "kind": "book", "title": "司法心理学", "copies": "2"},
    )
    assert response.status_code == 302
    listing = client_as("judge").get("/wellbeing/reading-room/", {"q": "心理"}).content.decode()
    assert "司法心理学" in listing and "法官职业保障制度研究" not in listing
    assert client_as("judge").post("/wellbeing/reading-room/", {"title": "x"}).status_code == 403
    refused = union.post(
        "/wellbeing/reading-room/", {"court": court.pk, "kind": "book", "title": "y", "copies": "0"}
    )
    assert refused.status_code == 200 and refused.context["form"].errors["copies"]


def test_every_register_splits_by_category(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    rows = {r.label: r for r in selectors.report_for(persona("personnel"), timezone.localdate().year)}
    labels = [str(label) for label in PersonCategory.labels]
    assert list(rows) == labels
    judges, support, other = (rows[label] for label in labels)
    assert judges.leave_taken >= 3 and judges.exams_done >= 1  # 王立明 (demo)
    assert support.pay_open >= 1  # 李静's allowance (demo)
    assert judges.attendances >= 1 and support.attendances >= 1 and other.attendances >= 1
    assert selectors.report_for(persona("judge"), 2026)[0].people == 0  # a judge reads no report


def test_the_report_by_category_as_excel_has_the_pages_figures_and_is_logged(
    persona: Callable[[str], Account], client_as: Callable[[str | None], Client]
) -> None:
    year = timezone.localdate().year
    expected = selectors.report_for(persona("personnel"), year)

    response = client_as("personnel").get("/wellbeing/report/", {"year": str(year), "export": "xlsx"})

    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))[1:]
    assert [row[0] for row in rows] == [r.label for r in expected]
    assert [row[1:] for row in rows] == [
        (
            r.people,
            r.leave_due,
            r.leave_taken,
            r.leave_left,
            r.leave_unrecorded,
            r.exams_done,
            r.pay_open,
            r.pay_resolved,
            r.attendances,
        )
        for r in expected
    ]
    assert AuditEntry.objects.filter(
        action="wellbeing.report.export", actor_id=persona("personnel").pk
    ).exists()
    assert client_as("judge").get("/wellbeing/report/", {"export": "xlsx"}).status_code == 403


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("2026-10", "2026-10"), (" 2026-3 ", "2026-03"), ("2026-08 至 2026-10", "2026-08 至 2026-10"),
     ("2026-08~2026-10", "2026-08 至 2026-10"), ("2026-10至2026-10", "2026-10"), ("1990-01", "1990-01"),
     ("２０２６－１０", "2026-10"), ("２０２６－０８～２０２６－１０", "2026-08 至 2026-10")],
)  # fmt: skip
def test_the_pay_period_is_a_real_month_or_run_of_months(typed: str, stored: str) -> None:
    assert services.normalised_pay_period(typed, today=dt.date(2026, 12, 2)) == stored


@pytest.mark.parametrize(
    ("typed", "code"),
    [("abc", "invalid"), ("1900-13", "invalid"), ("2026-00", "invalid"), ("2100-01", "out_of_range"),
     ("2027-01", "out_of_range"), ("1989-12", "out_of_range"), ("2026-10 至 2026-08", "order"),
     ("", "invalid")],
)  # fmt: skip
def test_a_pay_period_that_is_no_month_is_refused(typed: str, code: str) -> None:
    with pytest.raises(ValidationError) as refused:
        services.normalised_pay_period(typed, today=dt.date(2026, 12, 2))
    assert refused.value.error_dict["period"][0].code == code


def test_the_report_page_refuses_a_bad_period_and_keeps_what_was_typed(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Person]
) -> None:
    before = PayIssue.objects.count()
    response = client_as("judge").post(
        "/wellbeing/pay/report/",
        {"person": person_of("judge").pk, "kind": "wages", "problem": "late", "period": "abc",
         "description": "十月工资至今未发"},
    )  # fmt: skip
    assert response.status_code == 200 and response.context["form"].errors["period"]
    assert "十月工资至今未发" in response.content.decode()
    assert PayIssue.objects.count() == before
