"""Who may open the wellbeing area's URLs (tests/test_permission_matrix.py).

Everyone with a person record (all personas but the outsider and the city admin) has
the area's own pages: their leave, pay problems, exams, counselling, the activities and
the reading room. The leave list is the personnel office's and the leaders'; health is
kept by the personnel office; a counselling session opens for its counsellor and its
person only (404 for everyone else: leaders, offices, administrators, the city admin)."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, INTERMEDIATE_STAFF, LOGIN, Expect, each

LEADERS = {"chair", "vicechair", "leader"}
NO_PERSON = {"outsider", "cityadmin"}


def _judge_person() -> dict[str, Any]:
    from benchguard.organization.models import Person

    return {"pk": Person.objects.get(account__username="judge").pk}


def _judge_leave() -> dict[str, Any]:
    from benchguard.wellbeing.models import LeaveRecord

    return {"pk": LeaveRecord.objects.filter(person__account__username="judge").order_by("pk")[0].pk}


def _staff_pay() -> dict[str, Any]:
    from benchguard.wellbeing.models import PayIssue

    return {"pk": PayIssue.objects.filter(person__account__username="staff").order_by("pk")[0].pk}


def _staff_exam() -> dict[str, Any]:
    from benchguard.wellbeing.models import HealthExam

    return {"pk": HealthExam.objects.filter(person__account__username="staff").order_by("pk")[0].pk}


def _judge_session() -> dict[str, Any]:
    from benchguard.wellbeing.models import CounsellingSession

    return {"pk": CounsellingSession.objects.filter(person__account__username="judge").order_by("pk")[0].pk}


def _activity() -> dict[str, Any]:
    from benchguard.wellbeing.models import Activity

    return {"pk": Activity.objects.filter(court__division_code="370200").order_by("pk")[0].pk}


def _holding() -> dict[str, Any]:
    from benchguard.wellbeing.models import Holding

    return {"pk": Holding.objects.order_by("pk")[0].pk}


WITH_PERSON = Expect(200, {ANON: LOGIN, **each(NO_PERSON, 403)})
POST_ONLY = Expect(405, {ANON: LOGIN})

EXPECTED: dict[str, Expect] = {
    "wellbeing:mine": Expect(200, {ANON: LOGIN}),
    "wellbeing:leave_list": Expect(403, {ANON: LOGIN, **each(LEADERS | {"personnel"}, 200)}),
    "wellbeing:leave_export": Expect(403, {ANON: LOGIN, **each(LEADERS | {"personnel"}, 200)}),
    "wellbeing:leave_person": Expect(
        404, {ANON: LOGIN, **each(LEADERS | {"personnel", "judge"}, 200)}, _judge_person
    ),
    "wellbeing:leave_service": Expect(
        404, {ANON: LOGIN, **each(LEADERS | {"judge"}, 403), "personnel": 200}, _judge_person
    ),
    "wellbeing:leave_record": Expect(
        404, {ANON: LOGIN, **each(LEADERS | {"judge"}, 403), "personnel": 200}, _judge_person
    ),
    "wellbeing:leave_cancel": Expect(405, {ANON: LOGIN}, _judge_leave),
    "wellbeing:pay_list": WITH_PERSON,
    "wellbeing:pay_report": WITH_PERSON,
    "wellbeing:pay_detail": Expect(
        404, {ANON: LOGIN, **each(LEADERS | {"personnel", "union", "staff"}, 200)}, _staff_pay
    ),
    "wellbeing:pay_resolve": Expect(
        404, {ANON: LOGIN, **each(LEADERS | {"union", "staff"}, 403), "personnel": 200}, _staff_pay
    ),
    "wellbeing:health": WITH_PERSON,
    "wellbeing:exam_schedule": Expect(403, {ANON: LOGIN, "personnel": 200}),
    "wellbeing:exam_complete": Expect(404, {ANON: LOGIN, "staff": 403, "personnel": 200}, _staff_exam),
    "wellbeing:recuperation_add": Expect(403, {ANON: LOGIN, "personnel": 200}),
    "wellbeing:counselling": WITH_PERSON,
    "wellbeing:session_book": WITH_PERSON,
    "wellbeing:session_detail": Expect(404, {ANON: LOGIN, "judge": 200, "counsellor": 200}, _judge_session),
    "wellbeing:session_record": Expect(404, {ANON: LOGIN, "judge": 403, "counsellor": 200}, _judge_session),
    "wellbeing:session_cancel": Expect(405, {ANON: LOGIN}, _judge_session),
    "wellbeing:activity_list": WITH_PERSON,
    "wellbeing:activity_add": Expect(403, {ANON: LOGIN, **each({"union", "personnel", "counsellor"}, 200)}),
    "wellbeing:activity_detail": Expect(404, {ANON: LOGIN, **each(INTERMEDIATE_STAFF, 200)}, _activity),
    "wellbeing:activity_attendance": Expect(405, {ANON: LOGIN}, _activity),
    "wellbeing:holding_list": WITH_PERSON,
    "wellbeing:holding_withdraw": Expect(405, {ANON: LOGIN}, _holding),
    "wellbeing:report": Expect(403, {ANON: LOGIN, **each(LEADERS | {"personnel", "union"}, 200)}),
    "api-wellbeing-leave-list": Expect(200, {ANON: 401}),
    "api-wellbeing-leave-detail": Expect(
        404, {ANON: 401, **each(LEADERS | {"personnel", "judge"}, 200)}, _judge_leave
    ),
    "api-wellbeing-pay-list": Expect(200, {ANON: 401}),
    "api-wellbeing-pay-detail": Expect(
        404, {ANON: 401, **each(LEADERS | {"personnel", "union", "staff"}, 200)}, _staff_pay
    ),
    "api-wellbeing-pay-resolve": Expect(405, {ANON: 401}, _staff_pay),
    "api-wellbeing-session-list": Expect(200, {ANON: 401}),
    "api-wellbeing-session-detail": Expect(404, {ANON: 401, "judge": 200, "counsellor": 200}, _judge_session),
    "api-wellbeing-activity-list": Expect(200, {ANON: 401}),
    "api-wellbeing-activity-detail": Expect(404, {ANON: 401, **each(INTERMEDIATE_STAFF, 200)}, _activity),
}
