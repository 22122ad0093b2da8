"""Every transition refused when it is not allowed, with a clear message, nothing half-saved."""

import datetime as dt
import threading
from collections.abc import Callable

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from benchguard.core.services import StaleEditError
from benchguard.matters import services
from benchguard.matters.choices import Channel, DecisionBasis, MatterStatus, Response
from benchguard.matters.models import Matter
from benchguard.matters.tests.conftest import at
from benchguard.organization.models import Account, Court


def test_an_application_without_the_a26_1_precondition_is_refused(
    application: Callable[..., Matter],
) -> None:
    before = Matter.objects.count()
    with pytest.raises(ValidationError) as caught:
        application("judge", reported_to_department_on=None, department_response=" ")
    assert set(caught.value.error_dict) == {"reported_to_department_on", "department_response"}
    assert Matter.objects.count() == before


def test_a_date_in_the_future_is_refused(application: Callable[..., Matter]) -> None:
    with time_machine.travel(at("2026-03-02"), tick=False), pytest.raises(ValidationError) as caught:
        application("judge", reported_to_department_on=dt.date(2026, 3, 3))
    assert "reported_to_department_on" in caught.value.error_dict


def test_a_transition_from_the_wrong_status_is_refused_with_the_status_named(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    office = persona("office")
    matter = services.accept_matter(actor=office, matter=application("judge"))
    with pytest.raises(ValidationError) as caught:
        services.accept_matter(actor=office, matter=matter)
    assert caught.value.code == "invalid_transition"
    with pytest.raises(ValidationError):
        services.record_feedback(actor=office, matter=matter, channel=Channel.PHONE)  # not decided yet
    with pytest.raises(ValidationError):
        services.record_response(actor=persona("judge"), matter=matter, response=Response.ACCEPTS)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.ACCEPTED


def test_declining_needs_a_reason(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    matter = application("judge")
    with pytest.raises(ValidationError) as caught:
        services.decline_matter(actor=persona("office"), matter=matter, reason="   ")
    assert "reason" in caught.value.error_dict
    matter.refresh_from_db()
    assert matter.status == MatterStatus.SUBMITTED


def test_a_decision_needs_findings_and_an_opinion_and_the_right_person(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    office, chair = persona("office"), persona("chair")
    matter = services.accept_matter(actor=office, matter=application("judge"))
    with pytest.raises(ValidationError) as caught:
        services.decide_matter(
            actor=chair, matter=matter, basis=DecisionBasis.CHAIR, findings="", handling_opinion=""
        )
    assert set(caught.value.error_dict) == {"findings", "handling_opinion"}
    with pytest.raises(PermissionDenied):  # the office cannot decide as the chair
        services.decide_matter(
            actor=office, matter=matter, basis=DecisionBasis.CHAIR, findings="f", handling_opinion="o"
        )
    with pytest.raises(PermissionDenied):  # a vice-chair neither
        services.decide_matter(
            actor=persona("vicechair"),
            matter=matter,
            basis=DecisionBasis.CHAIR,
            findings="f",
            handling_opinion="o",
        )
    with pytest.raises(ValidationError) as caught:  # a meeting's decision names its resolution
        services.decide_matter(
            actor=office, matter=matter, basis=DecisionBasis.MEETING, findings="f", handling_opinion="o"
        )
    assert "resolution" in caught.value.error_dict
    from benchguard.committee.models import Resolution

    adopted = next(r for r in Resolution.objects.filter(meeting__court_id=matter.court_id) if r.adopted)
    decided = services.decide_matter(
        actor=office,
        matter=matter,
        basis=DecisionBasis.MEETING,
        findings="f",
        handling_opinion="o",
        resolution=adopted,
    )
    assert decided.decision_basis == DecisionBasis.MEETING and decided.resolution == adopted


def test_only_the_applicant_or_the_office_answers_for_the_judge(
    application: Callable[..., Matter], persona: Callable[[str], Account], told: Callable[..., Matter]
) -> None:
    office = persona("office")
    matter = services.accept_matter(actor=office, matter=application("judge"))
    matter = told(matter, findings="f", handling_opinion="o", channel=Channel.PHONE)
    with pytest.raises(PermissionDenied):
        services.record_response(actor=persona("staff"), matter=matter, response=Response.ACCEPTS)
    with pytest.raises(ValidationError) as caught:
        services.record_response(actor=persona("judge"), matter=matter, response="maybe")
    assert "response" in caught.value.error_dict


def test_two_clerks_accepting_the_same_version_one_is_told_it_changed(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    matter = application("judge")
    services.accept_matter(actor=persona("office"), matter=matter, expected_version=matter.version)
    with pytest.raises(StaleEditError):
        services.decline_matter(
            actor=persona("office"), matter=matter, reason="重复。", expected_version=matter.version
        )
    matter.refresh_from_db()
    assert matter.status == MatterStatus.ACCEPTED


@pytest.mark.parametrize(
    ("name", "content", "content_type", "code"),
    [
        ("big.pdf", b"x" * (10 * 1024 * 1024 + 1), "application/pdf", "too_large"),
        ("run.exe", b"MZ", "application/x-msdownload", "type"),
    ],
)
def test_an_oversized_or_unknown_file_is_refused(
    name: str,
    content: bytes,
    content_type: str,
    code: str,
    application: Callable[..., Matter],
    persona: Callable[[str], Account],
) -> None:
    matter = application("judge")
    with pytest.raises(ValidationError) as caught:
        services.add_attachment(
            actor=persona("office"), matter=matter, upload=SimpleUploadedFile(name, content, content_type)
        )
    assert caught.value.error_dict["file"][0].code == code
    assert matter.attachments.count() == 0


# --- Registration numbers -----------------------------------------------------------------------


def test_numbers_run_per_court_and_year_in_the_courts_format(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    # 2025: a year the demo holds no matter in (its applications are this year's).
    reported = {"reported_to_department_on": dt.date(2025, 1, 2)}
    with time_machine.travel(at("2025-01-06"), tick=False):
        first, second = application("judge", **reported), application("staff", **reported)
        other = application("judge2", **reported)
    assert (first.number, second.number) == ("青中法权保〔2025〕1号", "青中法权保〔2025〕2号")
    assert other.number == "市南法权保〔2025〕1号"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_get_consecutive_numbers() -> None:
    """Clerks register at the same moment: no number is given twice or skipped.

    Real concurrency needs a real server: the suite's SQLite database lives in memory,
    where a second connection is refused outright instead of waiting. CI runs the suite
    on PostgreSQL, where this runs."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (run with DATABASE_URL); CI does")
    from benchguard.organization.demo import load_demo

    load_demo()  # a transactional test starts from an empty database
    office = Account.objects.get(username="office")
    court = Court.objects.get(division_code="370200")
    before = set(Matter.objects.filter(court=court, year=2026).values_list("sequence", flat=True))
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def register() -> None:
        try:
            barrier.wait(timeout=10)
            services.open_ex_officio(actor=office, court=court, subject="defamation", facts="并发登记。")
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    with time_machine.travel(at("2026-11-30"), tick=False):
        threads = [threading.Thread(target=register) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []
    sequences = sorted(
        set(Matter.objects.filter(court=court, year=2026).values_list("sequence", flat=True)) - before
    )
    assert sequences == list(range(max(before) + 1, max(before) + 5))
