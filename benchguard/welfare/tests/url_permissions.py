"""Who may open the welfare area's URLs (tests/test_permission_matrix.py).

Narrow on purpose (permissions.py): the personnel office and the union read insurance
and the risk fund (the personnel office keeps them); the union keeps condolence, the
personnel office reads it, and the court's leaders see only the payments asking for a
raised standard; the committee office keeps the special fund, the chair and vice-chair
read and decide it; the four desks (office, union, personnel, counsellor) read the
follow-ups, each closes its own items. A person reads their own rows (the demo judge:
his follow-up, claim and payment). Nobody else — not the system administrators, not
the city administrator, not colleagues — sees any of it: 403 on pages, 404 on rows."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

PERSONNEL = {"personnel"}
UNION = {"union"}
OFFICE = {"office"}
LEADERS = {"chair", "vicechair", "leader"}  # court leader, president or committee chair
DESKS = {"office", "union", "personnel", "counsellor"}
INSURANCE = {"personnel", "union"}
CONDOLENCE = {"union", "personnel"}
SPECIAL = {"office", "chair", "vicechair"}
AREA = DESKS | INSURANCE | CONDOLENCE | SPECIAL | LEADERS


def _incident_followup(place: str, username: str) -> Any:
    def kwargs() -> dict[str, Any]:
        from benchguard.welfare.models import FollowUp

        return {"pk": FollowUp.objects.get(incident__place=place, person__account__username=username).pk}

    return kwargs


def judge_followup() -> dict[str, Any]:
    from benchguard.welfare.demo import HARM_PLACE

    return _incident_followup(HARM_PLACE, "judge")()


def staff_visit_item() -> dict[str, Any]:
    from benchguard.welfare.demo import STAFF_HARM_PLACE
    from benchguard.welfare.models import FollowUpItem

    followup = _incident_followup(STAFF_HARM_PLACE, "staff")()["pk"]
    return {"pk": FollowUpItem.objects.get(followup_id=followup, kind="condolence_visit").pk}


def judge_claim() -> dict[str, Any]:
    from benchguard.welfare.models import InsuranceClaim

    return {
        "pk": InsuranceClaim.objects.get(person__account__username="judge", court__division_code="370200").pk
    }


def risk_fund() -> dict[str, Any]:
    from benchguard.welfare.models import Fund

    return {"pk": Fund.objects.get(court__division_code="370200", kind="risk").pk}


def raised_payment() -> dict[str, Any]:
    from benchguard.welfare.models import CondolencePayment

    return {"pk": CondolencePayment.objects.get(person__account__username="judge", raised_standard=True).pk}


def staff_payment() -> dict[str, Any]:
    from benchguard.welfare.models import CondolencePayment

    return {"pk": CondolencePayment.objects.get(person__account__username="staff", occasion="marriage").pk}


def pending_application() -> dict[str, Any]:
    from benchguard.welfare.models import AssistanceApplication

    return {"pk": AssistanceApplication.objects.get(court__division_code="370200", status="submitted").pk}


def page(readers: set[str]) -> Expect:
    return Expect(403, {ANON: LOGIN, **each(readers, 200)})


def row(readers: set[str], kwargs: Any, forbidden: set[str] = frozenset()) -> Expect:  # type: ignore[assignment]
    return Expect(404, {ANON: LOGIN, **each(set(forbidden), 403), **each(readers, 200)}, kwargs)


POST_ONLY = Expect(405, {ANON: LOGIN})

EXPECTED: dict[str, Expect] = {
    "welfare:index": page(AREA),
    "welfare:followup_list": page(DESKS),
    "welfare:followup_detail": row(DESKS | {"judge"}, judge_followup),
    "welfare:item_close": row(
        UNION, staff_visit_item, forbidden={"office", "personnel", "counsellor", "staff"}
    ),
    "welfare:insurance": page(INSURANCE),
    "welfare:policy_add": page(PERSONNEL),
    "welfare:claim_add": page(PERSONNEL),
    "welfare:claim_detail": row(INSURANCE | {"judge"}, judge_claim),
    **{
        f"welfare:claim_{name}": row(PERSONNEL, judge_claim, forbidden={"union", "judge"})
        for name in ("on_duty", "submit", "outcome")
    },
    "welfare:fund_list": page(INSURANCE | SPECIAL),
    "welfare:fund_detail": row(INSURANCE, risk_fund),
    "welfare:fund_income": row(PERSONNEL, risk_fund, forbidden={"union"}),
    "welfare:fund_pay": row(PERSONNEL, risk_fund, forbidden={"union"}),
    "welfare:payment_list": page(CONDOLENCE | LEADERS),
    "welfare:payment_add": page(UNION),
    "welfare:cap_list": page(CONDOLENCE | LEADERS),
    "welfare:visit_add": page(UNION),
    "welfare:payment_detail": row(CONDOLENCE | LEADERS | {"judge"}, raised_payment),
    "welfare:payment_step": Expect(405, {ANON: LOGIN}, staff_payment),
    "welfare:payment_raise": Expect(405, {ANON: LOGIN}, raised_payment),
    "welfare:payment_refuse": row(UNION, staff_payment, forbidden={"personnel", "staff"}),
    "welfare:application_list": page(SPECIAL),
    "welfare:application_add": page(OFFICE),
    "welfare:application_detail": row(SPECIAL, pending_application),
    "welfare:application_decide": row(SPECIAL, pending_application),
    "welfare:application_pay": Expect(405, {ANON: LOGIN}, pending_application),
    **{
        f"api-welfare-{name}-list": Expect(200, {ANON: 401})
        for name in (
            "followup",
            "item",
            "claim",
            "fund",
            "condolence",
            "application",
        )
    },
    "api-welfare-followup-detail": Expect(404, {ANON: 401, **each(DESKS | {"judge"}, 200)}, judge_followup),
    "api-welfare-item-detail": Expect(404, {ANON: 401, **each(DESKS | {"staff"}, 200)}, staff_visit_item),
    "api-welfare-item-close": Expect(405, {ANON: 401}, staff_visit_item),
    "api-welfare-claim-detail": Expect(404, {ANON: 401, **each(INSURANCE | {"judge"}, 200)}, judge_claim),
    "api-welfare-fund-detail": Expect(404, {ANON: 401, **each(INSURANCE, 200)}, risk_fund),
    "api-welfare-condolence-detail": Expect(
        404, {ANON: 401, **each(CONDOLENCE | LEADERS | {"judge"}, 200)}, raised_payment
    ),
    "api-welfare-condolence-advance": Expect(405, {ANON: 401}, staff_payment),
    "api-welfare-application-detail": Expect(404, {ANON: 401, **each(SPECIAL, 200)}, pending_application),
}
