"""What a walk of the demo as each persona found in the privacy area (A18), checked
through the pages where it was seen: refusals beside their field in words, only the
kinds a user may register offered, the printed notice wrapping, no notice sent without
its evidence, the template's placeholders checked, no case closed over pending notices,
one bound for the follow-up days, a real contact, the access log in words."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.utils import timezone

from benchguard.organization.models import Account, Court, Person
from benchguard.privacy import services
from benchguard.privacy.choices import CaseKind, CaseStatus, NoticeStatus, Notifier
from benchguard.privacy.demo import LEAK
from benchguard.privacy.models import ExposureCase, PrivacySettings, TakedownNotice
from benchguard.reputation.demo import tiny_png

pytestmark = pytest.mark.django_db

CONTACT = "青岛市中级人民法院法官权益保障委员会办公室 0532-8088103"


@pytest.fixture
def bare_case(
    persona: Callable[[str], Account], person_of: Callable[[str], Person], court: Court
) -> ExposureCase:
    """An online case with no evidence yet."""
    return services.register_case(
        actor=persona("office"), court=court, kind=CaseKind.ONLINE, person=person_of("judge"),
        platform="某贴吧", url="https://demo.example.cn/t/88", description="公开了法官的手机号码",
        found_on=timezone.localdate(),
    )  # fmt: skip


def _with_evidence(case: ExposureCase, office: Account) -> ExposureCase:
    services.add_evidence(
        actor=office,
        exposure=case,
        upload=tiny_png("t88"),
        captured_at=timezone.now() - dt.timedelta(hours=1),
    )
    return case


def _register_post(court: Court, person: Person, **changes: str) -> dict[str, str]:
    data = {
        "court": str(court.pk), "kind": CaseKind.ONLINE, "person": str(person.pk), "platform": "某论坛",
        "url": "", "description": "帖子公开了法官住址", "found_on": timezone.localdate().isoformat(),
    }  # fmt: skip
    return {**data, **changes}


def test_an_online_case_without_its_address_is_refused_beside_the_url_field(
    client_as: Callable[[str | None], Client], court: Court, person_of: Callable[[str], Person]
) -> None:
    before = ExposureCase.objects.count()
    response = client_as("office").post("/privacy/register/", _register_post(court, person_of("judge")))
    assert response.status_code == 200 and ExposureCase.objects.count() == before
    form = response.context["form"]
    assert [e.code for e in form.errors.as_data()["url"]] == ["required"]
    assert not form.non_field_errors()
    page = response.content.decode()
    assert "privacy_case_online_has_url" not in page and str(form.errors["url"][0]) in page


def test_the_inspector_is_offered_only_the_internal_kinds_and_the_office_all(
    client_as: Callable[[str | None], Client],
) -> None:
    offered = client_as("inspector").get("/privacy/register/").context["form"].fields["kind"].choices
    assert {value for value, _label in offered} - {""} == {
        CaseKind.INTERNAL_LEAK,
        CaseKind.PEEPING,
        CaseKind.COVERT_PHOTO,
        CaseKind.EAVESDROPPING,
    }
    offered = client_as("office").get("/privacy/register/").context["form"].fields["kind"].choices
    assert {value for value, _label in offered} - {""} == set(CaseKind.values)


def test_the_printed_notice_wraps_its_lines_on_screen_and_on_paper(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account], bare_case: ExposureCase
) -> None:
    office = persona("office")
    notice = services.draft_notice(
        actor=office, exposure=_with_evidence(bare_case, office), recipient="某贴吧运营公司",
        notifier=Notifier.COURT, contact=CONTACT,
    )  # fmt: skip
    client = client_as("office")
    for url in (f"/privacy/notices/{notice.pk}/print/", f"/privacy/notices/{notice.pk}/"):
        page = client.get(url).content.decode()
        assert "privacy/notice.css" in page and 'class="' in page and "notice-text" in page
    found = finders.find("privacy/notice.css")
    assert found is not None
    css = Path(found).read_text()
    screen = css.split("@media print")[0]
    printed = css.split("@media print")[1]
    for rules in (screen, printed):
        block = re.search(r"\.notice-text\s*\{([^}]*)\}", rules)
        assert block is not None
        assert "white-space: pre-wrap" in block.group(1) and "overflow-wrap: anywhere" in block.group(1)


def test_a_notice_without_evidence_is_flagged_at_drafting_and_cannot_be_sent(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account], bare_case: ExposureCase
) -> None:
    client = client_as("office")
    draft = client.get(f"/privacy/{bare_case.pk}/notices/draft/").content.decode()
    assert 'data-testid="no-evidence"' in draft
    response = client.post(
        f"/privacy/{bare_case.pk}/notices/draft/",
        {"recipient": "某贴吧运营公司", "notifier": Notifier.COURT, "contact": CONTACT},
    )
    assert response.status_code == 302
    notice = TakedownNotice.objects.get(exposure=bare_case)
    detail = client.get(f"/privacy/notices/{notice.pk}/").content.decode()
    assert f"/privacy/notices/{notice.pk}/send/" not in detail and 'data-testid="missing-evidence"' in detail
    refused = client.post(
        f"/privacy/notices/{notice.pk}/send/", {"version": notice.version, "sent_via": "挂号信"}
    )
    assert refused.status_code == 200
    assert [e.code for e in refused.context["form"].non_field_errors().as_data()] == ["no_evidence"]
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.DRAFTED
    # Evidence kept after the draft: the text still lists none of it until edited.
    _with_evidence(bare_case, persona("office"))
    again = client.post(
        f"/privacy/notices/{notice.pk}/send/", {"version": notice.version, "sent_via": "挂号信"}
    )
    assert [e.code for e in again.context["form"].non_field_errors().as_data()] == ["no_evidence"]
    # Drafted with the evidence: it goes.
    fresh = services.draft_notice(
        actor=persona("office"), exposure=bare_case, recipient="某贴吧运营公司", notifier=Notifier.COURT,
        contact=CONTACT,
    )  # fmt: skip
    assert (
        f"/privacy/notices/{fresh.pk}/send/" in client.get(f"/privacy/notices/{fresh.pk}/").content.decode()
    )
    sent = client.post(f"/privacy/notices/{fresh.pk}/send/", {"version": fresh.version, "sent_via": "挂号信"})
    assert sent.status_code == 302
    fresh.refresh_from_db()
    assert fresh.status == NoticeStatus.SENT


@pytest.mark.parametrize(
    ("template", "code", "named"),
    [
        ("{recipient}：请删除 {foo} 和 { 括号 {0}", "unknown_placeholder", ["{foo}", "{0}"]),
        ("{recipient}：请删除 { 括号", "malformed_placeholder", ["{ 括号"]),
        (
            "{recipient}：请删除 {urls}。通知人：{notifier}",
            "missing_placeholder",
            ["{evidence}", "{contact}"],
        ),
    ],
)
def test_a_template_with_unknown_malformed_or_missing_placeholders_is_refused(
    client_as: Callable[[str | None], Client], court: Court, template: str, code: str, named: list[str]
) -> None:
    response = client_as("office").post(
        "/privacy/settings/",
        {"acknowledge_within_days": 3, "remove_within_days": 5, "notice_template": template, "version": 1},
    )
    assert response.status_code == 200
    errors = response.context["form"].errors.as_data()["notice_template"]
    assert [e.code for e in errors] == [code]
    message = str(response.context["form"].errors["notice_template"][0])
    assert all(name in message for name in named)
    assert not PrivacySettings.objects.filter(court=court).exists()


def test_the_default_template_passes_its_own_check(
    client_as: Callable[[str | None], Client], court: Court
) -> None:
    from benchguard.privacy.models import DEFAULT_NOTICE

    response = client_as("office").post(
        "/privacy/settings/",
        {
            "acknowledge_within_days": 3,
            "remove_within_days": 5,
            "notice_template": DEFAULT_NOTICE,
            "version": 1,
        },
    )
    assert response.status_code == 302
    assert PrivacySettings.objects.get(court=court).notice_template == DEFAULT_NOTICE


def test_the_follow_up_days_have_one_bound_with_one_message(
    client_as: Callable[[str | None], Client],
) -> None:
    client = client_as("office")
    page = client.get("/privacy/settings/")
    field = page.context["form"].fields["acknowledge_within_days"]
    assert (field.widget.attrs["min"], field.widget.attrs["max"]) == ("1", "90")
    messages = []
    for days in (-1, 0, 91):
        response = client.post(
            "/privacy/settings/",
            {"acknowledge_within_days": days, "remove_within_days": 5, "notice_template": "x", "version": 1},
        )
        errors = response.context["form"].errors.as_data()["acknowledge_within_days"]
        assert len(errors) == 1
        messages.append((errors[0].code, str(response.context["form"].errors["acknowledge_within_days"][0])))
    assert messages[0] == messages[1] and messages[0][0] == "too_small" and "1" in messages[0][1]
    assert messages[2][0] == "too_large"


def test_a_case_does_not_close_over_pending_notices_and_a_closed_cases_notices_stay(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account], bare_case: ExposureCase
) -> None:
    office = persona("office")
    case = _with_evidence(bare_case, office)
    first = services.draft_notice(
        actor=office, exposure=case, recipient="甲公司", notifier=Notifier.COURT, contact=CONTACT
    )
    client = client_as("office")
    detail = client.get(f"/privacy/{case.pk}/").content.decode()
    assert f"/privacy/{case.pk}/close/" not in detail and 'data-testid="close-blocked"' in detail
    case.refresh_from_db()
    refused = client.post(f"/privacy/{case.pk}/close/", {"version": case.version, "conclusion": "已处理"})
    assert [e.code for e in refused.context["form"].non_field_errors().as_data()] == ["notices_pending"]
    # The draft is withdrawn (it was never sent); a second one is sent and refused.
    assert (
        client.post(f"/privacy/notices/{first.pk}/withdraw/", {"version": first.version}).status_code == 302
    )
    first.refresh_from_db()
    assert first.status == NoticeStatus.WITHDRAWN
    assert [(t.from_status, t.to_status) for t in first.transitions.all()][-1] == ("drafted", "withdrawn")
    second = services.draft_notice(
        actor=office, exposure=case, recipient="乙公司", notifier=Notifier.COURT, contact=CONTACT
    )
    second = services.send_notice(
        actor=office, notice=second, expected_version=second.version, sent_via="邮寄"
    )
    second = services.record_refused(
        actor=office, notice=second, expected_version=second.version, refusal_reason="拒绝"
    )
    assert f"/privacy/{case.pk}/close/" in client.get(f"/privacy/{case.pk}/").content.decode()
    case.refresh_from_db()
    closed = client.post(f"/privacy/{case.pk}/close/", {"version": case.version, "conclusion": "已处理"})
    assert closed.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    # The closed case's refused notice is not escalated any more, nor offered to be.
    assert (
        f"/notices/{second.pk}/escalate/" not in client.get(f"/privacy/notices/{second.pk}/").content.decode()
    )
    late = client.post(
        f"/privacy/notices/{second.pk}/escalate/", {"version": second.version, "escalated_to": "police"}
    )
    assert [e.code for e in late.context["form"].non_field_errors().as_data()] == ["case_closed"]
    second.refresh_from_db()
    assert second.status == NoticeStatus.REFUSED


def test_a_contact_that_is_no_phone_nor_e_mail_is_refused_on_the_draft_page(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account], bare_case: ExposureCase
) -> None:
    _with_evidence(bare_case, persona("office"))
    client = client_as("office")
    url = f"/privacy/{bare_case.pk}/notices/draft/"
    for contact in ("abc", "委员会办公室", "12345"):
        response = client.post(url, {"recipient": "某公司", "notifier": Notifier.COURT, "contact": contact})
        assert response.status_code == 200
        assert [e.code for e in response.context["form"].errors.as_data()["contact"]] == ["contact"]
    assert not TakedownNotice.objects.filter(exposure=bare_case).exists()
    for contact in ("ban@court.example.cn", "0532-8088103", "委员会办公室 138 0532 0000"):
        assert (
            client.post(
                url, {"recipient": "某公司", "notifier": Notifier.COURT, "contact": contact}
            ).status_code
            == 302
        )
    assert TakedownNotice.objects.filter(exposure=bare_case).count() == 3


def test_the_access_log_shows_what_was_done_in_words(client_as: Callable[[str | None], Client]) -> None:
    leak = ExposureCase.objects.get(description=LEAK)
    page = client_as("inspector").get(f"/privacy/{leak.pk}/access-log/").content.decode()
    assert "organization.private" not in page
    kept = page.split('data-testid="kept-log"')[1].split("</table>")[0]
    assert "<td>查看</td>" in kept
