"""Who may open the pages of cases (the permission matrix).

The intermediate court's filing clerk, division chief, committee office, leaders and
president read its cases; the judge in charge of the demo case (judge) reads it too.
Only the filing clerk registers and edits cases and adds parties, and imports a sheet of
cases: the other readers get 403 there (an import of their court too), everyone else
404 on an import. Everyone else gets 403 on the list (judges see it, with their own cases) and
404 on a case they do not read. The API answers everyone signed in with what they read."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

READERS = {"clerk", "chief", "office", "chair", "vicechair", "leader"}
JUDGES = {"judge", "member", "chief", "judge2"}


def first_case() -> dict[str, Any]:
    from benchguard.cases.models import Case

    return {"pk": Case.objects.get(court__division_code="370200", number__contains="民初356号").pk}


def an_import() -> dict[str, Any]:
    """A sheet of one case uploaded by the intermediate court's filing clerk (pending)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from benchguard.cases import services
    from benchguard.core.exports import xlsx
    from benchguard.organization.models import Account, Court

    header = ["案号", "案由", "立案日期", "当事人类型", "诉讼地位", "当事人名称"]
    sheet = xlsx(
        title="案件",
        header=header,
        rows=[["（2026）鲁02民初902号", "合同纠纷", "2026-11-02", "单位", "被告", "某公司"]],
    )
    case_import = services.upload_import(
        actor=Account.objects.get(username="clerk"),
        court=Court.objects.get(division_code="370200"),
        upload=SimpleUploadedFile("案件.xlsx", sheet),
    )
    return {"pk": case_import.pk}


def demo_report() -> dict[str, Any]:
    """The demo's upward report on the flagged case, from the judge to the chief."""
    from benchguard.cases.models import UpwardReport

    return {"pk": UpwardReport.objects.get(case_id=first_case()["pk"], previous=None).pk}


def demo_party() -> dict[str, Any]:
    from benchguard.cases.models import Party

    return {"pk": Party.objects.filter(case_id=first_case()["pk"]).order_by("pk").first().pk}  # type: ignore[union-attr]


def demo_plan() -> dict[str, Any]:
    from benchguard.cases.models import ContingencyPlan

    return {"pk": ContingencyPlan.objects.get(case_id=first_case()["pk"]).pk}


def demo_alert() -> dict[str, Any]:
    from benchguard.cases.models import RiskAlert

    return {"pk": RiskAlert.objects.filter(case_id=first_case()["pk"]).order_by("pk").first().pk}  # type: ignore[union-attr]


def a_statement() -> dict[str, Any]:
    from benchguard.cases import services
    from benchguard.cases.models import Case
    from benchguard.organization.models import Account

    statement = services.draft_statement(
        actor=Account.objects.get(username="office"), case=Case.objects.get(**first_case()), text="情况通报"
    )
    return {"pk": statement.pk}


LEADERS = {"chair", "vicechair", "leader"}


def only(allowed: set[str], kwargs: Any = first_case) -> Expect:
    """A risk page of the demo case: 200 for `allowed`, 403 for its other readers (the
    judge in charge among them), 404 for everyone else."""
    return Expect(404, {ANON: LOGIN, **each(READERS | {"judge"}, 403), **each(allowed, 200)}, kwargs)


def keeper_page() -> Expect:
    return Expect(404, {ANON: LOGIN, **each(READERS | {"judge"}, 403), "clerk": 200}, first_case)


EXPECTED: dict[str, Expect] = {
    "cases:case_list": Expect(403, {ANON: LOGIN, **each(READERS | JUDGES, 200)}),
    "cases:case_file": Expect(403, {ANON: LOGIN, "clerk": 200}),
    "cases:case_detail": Expect(404, {ANON: LOGIN, **each(READERS | {"judge"}, 200)}, first_case),
    "cases:case_edit": keeper_page(),
    "cases:party_add": keeper_page(),
    "cases:case_import": Expect(403, {ANON: LOGIN, "clerk": 200}),
    "cases:import_template": Expect(403, {ANON: LOGIN, "clerk": 200}),
    "cases:import_detail": Expect(404, {ANON: LOGIN, **each(READERS, 403), "clerk": 200}, an_import),
    "cases:import_confirm": Expect(405, {ANON: LOGIN}, an_import),  # POST only: the tests post it
    "cases:case_flag": keeper_page(),
    "cases:case_panel": keeper_page(),
    "cases:party_edit": Expect(
        404, {ANON: LOGIN, **each(READERS | {"judge"}, 403), "clerk": 200}, demo_party
    ),
    "cases:party_remove": Expect(
        404, {ANON: LOGIN, **each(READERS | {"judge"}, 403), "clerk": 200}, demo_party
    ),
    "cases:case_propose_level": only({"judge"}),
    "cases:case_set_level": only({"chief"}),
    "cases:case_move_stage": only({"clerk", "judge"}),
    "cases:plan_edit": only({"judge", "chief", *LEADERS}),
    "cases:report_send": only({"judge", "chief"}),
    "cases:case_intervene": only({"office", "chair", "vicechair"}),
    "cases:statement_draft": only({"judge", "chief", "office", *LEADERS}),
    "cases:report_pass_on": only({"chief"}, demo_report),
    "cases:report_receipt": only(set(), demo_report),
    "cases:statement_sign_off": only(LEADERS, a_statement),
    # Buttons, POST only: the tests post them.
    "cases:plan_approve": Expect(405, {ANON: LOGIN}, demo_plan),
    "cases:alert_acknowledge": Expect(405, {ANON: LOGIN}, demo_alert),
    "cases:report_acknowledge": Expect(405, {ANON: LOGIN}, demo_report),
    "cases:statement_publish": Expect(405, {ANON: LOGIN}, a_statement),
    "cases:watch_list": Expect(403, {ANON: LOGIN, "office": 200, **each(LEADERS, 200)}),
    "api-case-list": Expect(200, {ANON: 401}),
    "api-case-alert-list": Expect(200, {ANON: 401}),
    "api-case-alert-detail": Expect(404, {ANON: 401, **each(READERS | {"judge"}, 200)}, demo_alert),
    "api-case-alert-acknowledge": Expect(405, {ANON: 401}, demo_alert),
    "api-case-detail": Expect(404, {ANON: 401, **each(READERS | {"judge"}, 200)}, first_case),
}
