"""Who may open the interference area's URLs (tests/test_permission_matrix.py).

The register: the demo's entries are about the judge (王立明), recorded by him (one by
the division chief). An entry is read by its recorder and the judge, the court's
trial-management office, discipline inspection and leaders (the chair and vice-chair
are leaders too); the committee office only once the entry is referred. Everyone else —
the court's IT admin and the city admin included — gets 404. Judges and supervisors
record; the recorder amends; the recorder, the judge and the keeper refer; the keeper
records the immediate report of an entry that affected a case.

Reports: the keeper, inspection and leaders read; the keeper signs and records receipts.
Personnel actions: the personnel office and the committee (office, chair, vice-chair,
members) read them; the judge concerned reads their own; the office prepares, the chair
and vice-chair review."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

JUDGES_AND_SUPERVISORS = {"judge", "member", "chief", "chair", "vicechair", "leader", "trialmgmt", "judge2"}
COURT_READERS = {"trialmgmt", "inspector", "leader", "chair", "vicechair"}
ENTRY_READERS = COURT_READERS | {"judge"}
REGISTER = JUDGES_AND_SUPERVISORS | {"inspector", "office"}
PERSONNEL_READERS = {"personnel", "office", "chair", "vicechair", "member"}


def _entry(request: str) -> Any:
    def kwargs() -> dict[str, Any]:
        from benchguard.interference.models import Entry

        return {"pk": Entry.objects.get(court__division_code="370200", request=request).pk}

    return kwargs


FIRST = _entry("询问案件进展，希望“关照”一下原告方")
AFFECTED = _entry("打电话要求尽快判决并支持其公司诉请")
REFERRED = _entry("以协会名义来函，请求对会员企业“从轻处理”")


def attachment() -> dict[str, Any]:
    from benchguard.interference.models import EntryAttachment

    found = EntryAttachment.objects.get(entry__court__division_code="370200")
    return {"pk": found.entry_id, "attachment_pk": found.pk}


def _report(late: bool) -> Any:
    def kwargs() -> dict[str, Any]:
        from benchguard.interference.models import QuarterReport

        rows = QuarterReport.objects.filter(court__division_code="370200").order_by("year", "quarter")
        return {"pk": (rows.first() if late else rows.last()).pk}  # type: ignore[union-attr]

    return kwargs


LATE_REPORT = _report(True)
ZERO_REPORT = _report(False)


def _action(kind: str) -> Any:
    def kwargs() -> dict[str, Any]:
        from benchguard.interference.models import PersonnelAction

        return {"pk": PersonnelAction.objects.get(court__division_code="370200", kind=kind).pk}

    return kwargs


FLAGGED = _action("transfer")
PREPARED = _action("discipline")


def readers(kwargs: Any, *, readers: set[str], allowed: set[str]) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(readers, 403), **each(allowed, 200)}, kwargs)


POST_ONLY = Expect(405, {ANON: LOGIN}, FIRST)

EXPECTED: dict[str, Expect] = {
    "interference:entry_list": Expect(403, {ANON: LOGIN, **each(REGISTER, 200)}),
    "interference:entry_record": Expect(403, {ANON: LOGIN, **each(JUDGES_AND_SUPERVISORS, 200)}),
    "interference:entry_detail": Expect(404, {ANON: LOGIN, **each(ENTRY_READERS, 200)}, FIRST),
    "interference:entry_amend": readers(FIRST, readers=ENTRY_READERS, allowed={"judge"}),
    "interference:entry_refer": readers(FIRST, readers=ENTRY_READERS, allowed={"judge", "trialmgmt"}),
    "interference:entry_report": readers(AFFECTED, readers=ENTRY_READERS, allowed={"trialmgmt"}),
    "interference:entry_open_matter": POST_ONLY,
    "interference:entry_attachment": Expect(
        404, {ANON: LOGIN, **each(ENTRY_READERS | {"office"}, 200)}, attachment
    ),
    "interference:report_list": Expect(403, {ANON: LOGIN, **each(COURT_READERS, 200)}),
    "interference:report_detail": Expect(404, {ANON: LOGIN, **each(COURT_READERS, 200)}, LATE_REPORT),
    "interference:report_export": Expect(404, {ANON: LOGIN, **each(COURT_READERS, 200)}, ZERO_REPORT),
    "interference:report_submit": Expect(405, {ANON: LOGIN}, ZERO_REPORT),
    "interference:report_receipt": readers(ZERO_REPORT, readers=COURT_READERS, allowed={"trialmgmt"}),
    "interference:report_acknowledge": Expect(405, {ANON: LOGIN}, ZERO_REPORT),
    "interference:action_list": Expect(403, {ANON: LOGIN, **each(PERSONNEL_READERS | {"judge"}, 200)}),
    "interference:action_record": Expect(403, {ANON: LOGIN, "personnel": 200}),
    "interference:action_detail": Expect(
        404, {ANON: LOGIN, **each(PERSONNEL_READERS | {"judge"}, 200)}, FLAGGED
    ),
    "interference:action_prepare": readers(
        FLAGGED, readers=PERSONNEL_READERS | {"judge"}, allowed={"office"}
    ),
    "interference:action_review": readers(
        PREPARED, readers=PERSONNEL_READERS, allowed={"chair", "vicechair"}
    ),
    "api-interference-entry-list": Expect(200, {ANON: 401}),
    "api-interference-entry-detail": Expect(404, {ANON: 401, **each(ENTRY_READERS, 200)}, FIRST),
    "api-interference-entry-amend": Expect(405, {ANON: 401}, FIRST),
    "api-interference-entry-refer": Expect(405, {ANON: 401}, FIRST),
    "api-interference-report-list": Expect(200, {ANON: 401}),
    "api-interference-report-detail": Expect(404, {ANON: 401, **each(COURT_READERS, 200)}, ZERO_REPORT),
    "api-interference-report-submit": Expect(405, {ANON: 401}, ZERO_REPORT),
    "api-interference-action-list": Expect(200, {ANON: 401}),
    "api-interference-action-detail": Expect(
        404, {ANON: 401, **each(PERSONNEL_READERS | {"judge"}, 200)}, FLAGGED
    ),
}
