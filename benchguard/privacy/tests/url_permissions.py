"""Who may open the privacy area's URLs (tests/test_permission_matrix.py).

Online exposure cases of the intermediate court: the committee office keeps them; the
chair, vice-chair and court leaders read them; the judge affected (王立明) reads their
own case and its notices. Internal cases (the demo's leak): the office and the
discipline inspector investigate them, the chair and vice-chair read them; nobody else
finds them (404). Everyone else gets 403 on pages and 404 on records."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each

READERS = {"office", "chair", "vicechair", "leader"}
KEEPERS = {"office"}
SEES_ONLINE = READERS | {"judge"}
SEES_INTERNAL = {"office", "inspector", "chair", "vicechair"}
JUDGES = {"judge", "member", "chief", "judge2"}


def online() -> dict[str, Any]:
    from benchguard.privacy.demo import ONLINE_URL
    from benchguard.privacy.models import ExposureCase

    return {"pk": ExposureCase.objects.get(url=ONLINE_URL).pk}


def leak() -> dict[str, Any]:
    from benchguard.privacy.demo import LEAK
    from benchguard.privacy.models import ExposureCase

    return {"pk": ExposureCase.objects.get(description=LEAK).pk}


def evidence() -> dict[str, Any]:
    from benchguard.privacy.demo import ONLINE_URL
    from benchguard.privacy.models import ExposureEvidence

    row = ExposureEvidence.objects.get(exposure__url=ONLINE_URL)
    return {"pk": row.exposure_id, "file_pk": row.pk}


def escalated() -> dict[str, Any]:
    from benchguard.privacy.choices import NoticeStatus
    from benchguard.privacy.demo import ONLINE_URL
    from benchguard.privacy.models import TakedownNotice

    return {"pk": TakedownNotice.objects.get(exposure__url=ONLINE_URL, status=NoticeStatus.ESCALATED).pk}


def sender_record(kwargs: Any) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(SEES_ONLINE, 403), **each(KEEPERS, 200)}, kwargs)


EXPECTED: dict[str, Expect] = {
    "privacy:case_list": Expect(403, {ANON: LOGIN, **each(READERS | SEES_INTERNAL | JUDGES, 200)}),
    "privacy:case_register": Expect(403, {ANON: LOGIN, "office": 200, "inspector": 200}),
    "privacy:settings": Expect(403, {ANON: LOGIN, "office": 200}),
    "privacy:case_detail": Expect(404, {ANON: LOGIN, **each(SEES_ONLINE, 200)}, online),
    "privacy:case_evidence": sender_record(online),
    "privacy:evidence_file": Expect(404, {ANON: LOGIN, **each(READERS, 200), "judge": 403}, evidence),
    "privacy:case_close": sender_record(online),
    "privacy:case_open_matter": Expect(405, {ANON: LOGIN}, online),
    "privacy:case_access_log": Expect(404, {ANON: LOGIN, **each(SEES_INTERNAL, 200)}, leak),
    "privacy:notice_draft": sender_record(online),
    "privacy:notice_detail": Expect(404, {ANON: LOGIN, **each(SEES_ONLINE, 200)}, escalated),
    "privacy:notice_print": Expect(404, {ANON: LOGIN, **each(SEES_ONLINE, 200)}, escalated),
    **{
        f"privacy:notice_{name}": sender_record(escalated)
        for name in ("edit", "send", "acknowledged", "removed", "refused", "escalate", "withdraw")
    },
    "api-privacy-case-list": Expect(200, {ANON: 401}),
    "api-privacy-case-detail": Expect(404, {ANON: 401, **each(SEES_ONLINE, 200)}, online),
    "api-privacy-notice-list": Expect(200, {ANON: 401}),
    "api-privacy-notice-detail": Expect(404, {ANON: 401, **each(SEES_ONLINE, 200)}, escalated),
}
