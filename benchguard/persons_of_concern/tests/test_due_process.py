"""The controlled list's due process (A15, issue 9 point 13): only the proposing court's
office and leaders approve, remove and correct; an entry cites incidents or log lines
with their outcome; a maximum term and a reminder at the review date; objections and
corrections recorded; filing clerks and division chiefs get the matcher's answer, never
the dossier."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchguard.core.models import AuditEntry
from benchguard.notifications.models import Notification
from benchguard.organization.models import Account
from benchguard.persons_of_concern import services
from benchguard.persons_of_concern.models import (
    ControlledListEntry,
    EntryCitation,
    EntryCorrection,
    EntryObjection,
    PersonOfConcern,
)

pytestmark = pytest.mark.django_db

TZ = timezone.get_fixed_timezone(8 * 60)


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.fromisoformat(day).replace(hour=hour, tzinfo=TZ)


def _correct(
    actor: Account, entry: ControlledListEntry, reason: str, **changes: object
) -> ControlledListEntry:
    """The entry corrected as the user loaded it (at its version), with a reason."""
    return services.correct_entry(
        actor=actor, entry=entry, expected_version=entry.version, changes=changes, reason=reason
    )


@pytest.fixture
def proposed(make_person, propose) -> Callable[..., ControlledListEntry]:
    """A fresh entry proposed by the intermediate court's police."""

    def make(name: str = "吕十五", *, days: int = 200, review: int = 30) -> ControlledListEntry:
        return propose(
            make_person(name),
            days=days,
            legal_basis="多次冲击法庭",
            review_date=timezone.localdate() + dt.timedelta(days=review),
        )

    return make


def _client(account: Account) -> Client:
    client = Client()
    client.force_login(account)
    return client


# --- Who approves and removes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("username", "status", "approved"),
    [
        ("office", 302, True),
        ("leader", 302, True),
        ("chair", 302, True),
        ("vicechair", 302, True),
        ("police", 403, False),  # proposes and reads, never approves
        ("clerk", 404, False),  # the matcher's answer only: the entry does not exist for them
        ("chief", 404, False),
        ("judge2", 404, False),
        ("office_shinan", 403, False),  # another court's office reads the list, but did not propose
    ],
)
def test_only_the_proposing_courts_office_and_leaders_approve(
    proposed, persona, shinan_office, username, status, approved
) -> None:
    entry = proposed()
    response = _client(Account.objects.get(username=username)).post(
        reverse("persons_of_concern:entry_approve", args=[entry.pk])
    )
    assert response.status_code == status
    assert (ControlledListEntry.objects.get(pk=entry.pk).approved_by_id is not None) is approved


def test_the_services_refuse_another_courts_office_and_the_police(proposed, persona, shinan_office) -> None:
    entry = proposed()
    for actor in (shinan_office, persona("police"), persona("clerk"), persona("chief")):
        with pytest.raises(PermissionDenied):
            services.approve_entry(actor=actor, entry=entry)
    entry = services.approve_entry(actor=persona("leader"), entry=entry)
    for actor in (shinan_office, persona("police")):
        with pytest.raises(PermissionDenied):
            services.remove_entry(actor=actor, entry=entry, reason="不再需要")
        with pytest.raises(PermissionDenied):
            _correct(actor, entry, "x", level="attention")
    removed = services.remove_entry(actor=persona("vicechair"), entry=entry, reason="复核后移出")
    assert removed.status == "removed" and removed.removed_by == persona("vicechair")


# --- What an entry rests on --------------------------------------------------------------------


def test_a_proposal_cites_at_least_one_incident_or_log_line_with_its_outcome(
    make_person, propose, cite
) -> None:
    person, other = make_person("褚十六"), make_person("卫十七")
    with pytest.raises(ValidationError) as caught:
        propose(person, days=30, citations=())
    assert "citations" in caught.value.error_dict
    ((line, _outcome),) = cite(person)
    with pytest.raises(ValidationError) as caught:
        propose(person, days=30, citations=[(line, "  ")])
    assert "citations" in caught.value.error_dict
    ((others_line, outcome),) = cite(other)
    with pytest.raises(ValidationError) as caught:
        propose(person, days=30, citations=[(others_line, outcome)])
    assert "citations" in caught.value.error_dict
    assert not ControlledListEntry.objects.filter(person=person).exists()

    entry = propose(person, days=30, citations=[(line, "当场制止，已训诫")])
    citation = EntryCitation.objects.get(entry=entry)
    assert (citation.log, citation.incident, citation.outcome) == (line, None, "当场制止，已训诫")
    assert AuditEntry.objects.filter(
        action="persons_of_concern.entry.cite", object_id=str(citation.pk)
    ).exists()


def test_the_proposal_page_keeps_the_input_and_shows_what_the_entry_rests_on(
    client_as, make_person, persona, cite
) -> None:
    person = make_person("蒋十八")
    ((line, _outcome),) = cite(person)
    url = reverse("persons_of_concern:propose_entry", args=[person.pk])
    client = client_as("police")
    page = client.get(url).content.decode()
    assert f'name="cite_log_{line.pk}"' in page
    today = timezone.localdate()
    data = {
        "legal_basis": "在立案大厅持续滋事",
        "level": "key",
        "review_date": (today + dt.timedelta(days=30)).isoformat(),
        "expires_on": (today + dt.timedelta(days=90)).isoformat(),
    }
    refused = client.post(url, data)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert "在立案大厅持续滋事" in body and "data-form-errors" in body
    assert not ControlledListEntry.objects.filter(person=person).exists()

    done = client.post(url, {**data, f"cite_log_{line.pk}": "劝离后未再出现"})
    assert done.status_code == 302
    entry = ControlledListEntry.objects.get(person=person)
    detail = client_as("office").get(reverse("persons_of_concern:entry_detail", args=[entry.pk]))
    assert "劝离后未再出现" in detail.content.decode()


# --- The maximum term ---------------------------------------------------------------------------


def test_the_expiry_is_at_most_the_maximum_term_from_the_approval(
    make_person, persona, propose, cite, settings
) -> None:
    settings.POC_LIST_MAX_TERM_DAYS = 100
    person = make_person("沈十九")
    with time_machine.travel(at("2026-03-02"), tick=False):
        facts = {"review_date": timezone.localdate() + dt.timedelta(days=30), "citations": cite(person)}
        with pytest.raises(ValidationError) as caught:
            propose(person, **facts, expires_on=dt.date(2026, 6, 11))  # 101 days
        assert "expires_on" in caught.value.error_dict
        assert "2026-06-10" in caught.value.messages[0]
        entry = propose(person, **facts, expires_on=dt.date(2026, 6, 10))  # 100 days
    # Approved ten days later: 10 June is still within 100 days of 12 March.
    with time_machine.travel(at("2026-03-12"), tick=False):
        entry = services.approve_entry(actor=persona("office"), entry=entry)
        with pytest.raises(ValidationError) as caught:
            # 101 days after the approval
            _correct(persona("office"), entry, "延长", expires_on=dt.date(2026, 6, 21))
        assert "expires_on" in caught.value.error_dict
        entry = _correct(persona("office"), entry, "延长至批准后100日", expires_on=dt.date(2026, 6, 20))
    assert entry.expires_on == dt.date(2026, 6, 20)


def test_an_approval_after_the_term_has_shrunk_is_refused(proposed, persona, settings) -> None:
    entry = proposed(days=200)
    settings.POC_LIST_MAX_TERM_DAYS = 150
    with pytest.raises(ValidationError) as caught:
        services.approve_entry(actor=persona("office"), entry=entry)
    assert caught.value.code == "term"
    assert ControlledListEntry.objects.get(pk=entry.pk).approved_at is None


# --- The reminder at the review date ------------------------------------------------------------


def _review_reminders(entry: ControlledListEntry) -> list[tuple[str, str]]:
    return sorted(
        Notification.objects.filter(dedupe_key__startswith=f"poc-entry:{entry.pk}:review:").values_list(
            "recipient__username", "dedupe_key"
        )
    )


def test_the_review_reminder_comes_once_on_the_review_date(make_person, persona, propose) -> None:
    from benchguard.core import jobs
    from benchguard.persons_of_concern import tasks

    job = {j.name: j for j in jobs.registered_jobs()}["persons_of_concern.send_review_reminders"]
    assert job.task is tasks.send_review_reminders and isinstance(job.schedule, jobs.Daily)

    person = make_person("韩二十")
    with time_machine.travel(at("2026-03-02"), tick=False):
        entry = propose(person, review_date=dt.date(2026, 3, 12), expires_on=dt.date(2026, 9, 1))
        entry = services.approve_entry(actor=persona("office"), entry=entry)
    with time_machine.travel(at("2026-03-11", 8), tick=False):
        tasks.send_review_reminders.call()
    assert _review_reminders(entry) == []
    with time_machine.travel(at("2026-03-12", 8), tick=False):
        assert tasks.send_review_reminders.call() >= 1
        assert services.send_review_reminders() == 0  # a second worker, or a re-run
    with time_machine.travel(at("2026-03-13", 8), tick=False):
        services.send_review_reminders()  # the next day: the same occasion, nothing new
    key = f"poc-entry:{entry.pk}:review:2026-03-12"
    recipients = _review_reminders(entry)
    # The proposing court's office and leaders, once each; not the police, not the clerk.
    assert {user for user, _k in recipients} == {"office", "leader", "chair", "vicechair"}
    assert all(k == key for _u, k in recipients) and len(recipients) == 4
    assert (
        AuditEntry.objects.filter(
            action="persons_of_concern.entry.review_reminder", object_id=str(entry.pk)
        ).count()
        == 1
    )
    # A corrected review date is a new occasion.
    with time_machine.travel(at("2026-03-13", 10), tick=False):
        entry = _correct(persona("office"), entry, "已复核，三个月后再复核", review_date=dt.date(2026, 6, 1))
    with time_machine.travel(at("2026-06-01", 8), tick=False):
        services.send_review_reminders()
    assert {k for _u, k in _review_reminders(entry)} == {key, f"poc-entry:{entry.pk}:review:2026-06-01"}


# --- Objections and corrections ------------------------------------------------------------------


def test_an_objection_is_recorded_and_decided_by_the_proposing_court(
    proposed, persona, shinan_office, client_as
) -> None:
    entry = services.approve_entry(actor=persona("office"), entry=proposed())
    today = timezone.localdate()
    with pytest.raises(ValidationError) as caught:
        services.record_objection(
            actor=persona("police"), entry=entry, received_on=today, raised_by="lawyer", content=" "
        )
    assert "content" in caught.value.error_dict
    with pytest.raises(PermissionDenied):
        services.record_objection(
            actor=persona("clerk"), entry=entry, received_on=today, raised_by="person", content="异议"
        )
    objection = services.record_objection(
        actor=persona("police"), entry=entry, received_on=today, raised_by="lawyer", content="律师称系误认"
    )
    assert objection.recorded_by == persona("police") and objection.is_open
    line = AuditEntry.objects.get(action="persons_of_concern.objection.record", object_id=str(objection.pk))
    assert "律师称系误认" not in str(line.data)  # the content stays out of the log
    assert Notification.objects.filter(
        dedupe_key=f"poc-objection:{objection.pk}", recipient__username="office"
    ).exists()

    with pytest.raises(PermissionDenied):
        services.decide_objection(
            actor=shinan_office, objection=objection, expected_version=1, decision="dismissed", reason="x"
        )
    with pytest.raises(ValidationError) as caught:
        services.decide_objection(
            actor=persona("leader"), objection=objection, expected_version=1, decision="dismissed", reason=""
        )
    assert "reason" in caught.value.error_dict

    url = reverse("persons_of_concern:objection_decide", args=[objection.pk])
    response = client_as("leader").post(
        url, {"version": 1, "decision": "upheld_removed", "reason": "经核实系同名误认"}
    )
    assert response.status_code == 302
    objection.refresh_from_db()
    assert (objection.decision, objection.decided_by) == ("upheld_removed", persona("leader"))
    entry.refresh_from_db()
    assert entry.status == "removed" and "经核实系同名误认" in entry.removal_reason
    again = client_as("office").post(url, {"version": 2, "decision": "dismissed", "reason": "再议"})
    assert again.status_code == 200 and "data-form-errors" in again.content.decode()
    assert EntryObjection.objects.get(pk=objection.pk).decision == "upheld_removed"


def test_a_correction_keeps_the_old_values(proposed, persona, client_as) -> None:
    entry = services.approve_entry(actor=persona("office"), entry=proposed())
    url = reverse("persons_of_concern:entry_correct", args=[entry.pk])
    data = {
        "legal_basis": entry.legal_basis,
        "level": "attention",
        "review_date": entry.review_date.isoformat(),
        "expires_on": entry.expires_on.isoformat(),
        "version": entry.version,
        "reason": "",
    }
    refused = client_as("office").post(url, data)
    assert refused.status_code == 200 and 'data-field-error="reason"' in refused.content.decode()
    assert ControlledListEntry.objects.get(pk=entry.pk).level == "key"
    assert client_as("office").post(url, {**data, "reason": "异议部分成立，降低级别"}).status_code == 302
    entry.refresh_from_db()
    assert entry.level == "attention"
    correction = EntryCorrection.objects.get(entry=entry)
    assert correction.changes == {"level": ["key", "attention"]}
    assert correction.corrected_by == persona("office")
    change = AuditEntry.objects.filter(
        action="persons_of_concern.entry.correct", object_id=str(entry.pk)
    ).get()
    assert change.data["before"] == {"level": "key"} and change.data["after"] == {"level": "attention"}
    detail = client_as("leader").get(reverse("persons_of_concern:entry_detail", args=[entry.pk]))
    assert "异议部分成立，降低级别" in detail.content.decode()
    # A stale second correction is refused and keeps what was typed.
    stale = client_as("leader").post(url, {**data, "level": "strict", "reason": "再次调整级别"})
    assert stale.status_code == 200 and "再次调整级别" in stale.content.decode()
    assert ControlledListEntry.objects.get(pk=entry.pk).level == "attention"


def test_the_proposer_alone_neither_lengthens_nor_tightens_an_entry(make_person, persona, propose) -> None:
    """Four eyes, as for the approval: the office that proposed an entry (and is also one
    of its deciders) may not on its own move the expiry later or raise the level; another
    decider may, and an expired entry is not revived by a correction at all."""
    today = timezone.localdate()
    entry = propose(
        make_person("柳十六"),
        actor=persona("office"),
        days=100,
        legal_basis="多次冲击法庭",
        review_date=today + dt.timedelta(days=30),
    )
    entry = services.approve_entry(actor=persona("leader"), entry=entry)
    for changes in ({"level": "strict"}, {"expires_on": today + dt.timedelta(days=200)}):
        with pytest.raises(ValidationError) as caught:
            _correct(persona("office"), entry, "调整", **changes)
        assert caught.value.code == "four_eyes"
    # Lowering the level and shortening the term stay open to the proposer.
    entry = _correct(persona("office"), entry, "降级", level="attention")
    entry = _correct(persona("leader"), entry, "经复核延长", expires_on=today + dt.timedelta(days=200))
    assert entry.expires_on == today + dt.timedelta(days=200)
    with time_machine.travel(dt.datetime.combine(today + dt.timedelta(days=201), dt.time(10)), tick=False):
        with pytest.raises(ValidationError) as caught:
            services.correct_entry(
                actor=persona("leader"),
                entry=ControlledListEntry.objects.get(pk=entry.pk),
                expected_version=entry.version,
                changes={"expires_on": today + dt.timedelta(days=300)},
                reason="恢复",
            )
        assert caught.value.code == "invalid_transition"


def test_the_correction_page_does_not_revive_an_expired_entry(proposed, persona) -> None:
    """The form puts the new expiry on the entry before the service sees it: the stored
    entry, expired, decides, not the entry as the form would leave it."""
    entry = services.approve_entry(actor=persona("office"), entry=proposed(days=100))
    today = timezone.localdate()
    later = today + dt.timedelta(days=101)
    data = {
        "legal_basis": entry.legal_basis,
        "level": entry.level,
        "review_date": later.isoformat(),
        "expires_on": (today + dt.timedelta(days=200)).isoformat(),
        "version": entry.version,
        "reason": "恢复",
    }
    with time_machine.travel(dt.datetime.combine(later, dt.time(10)), tick=False):
        client = _client(persona("leader"))
        refused = client.post(reverse("persons_of_concern:entry_correct", args=[entry.pk]), data)
        assert refused.status_code == 200 and "data-form-errors" in refused.content.decode()
        assert ControlledListEntry.objects.get(pk=entry.pk).status == "expired"
    assert ControlledListEntry.objects.get(pk=entry.pk).expires_on == today + dt.timedelta(days=100)


# --- Filing clerks and division chiefs ---------------------------------------------------------


@pytest.mark.parametrize("username", ["clerk", "chief"])
def test_clerks_and_chiefs_get_the_answer_never_the_dossier(client_as, username) -> None:
    shan = PersonOfConcern.objects.get(name="单立新")
    entry = ControlledListEntry.objects.get(person=shan)
    client = client_as(username)
    for url in (
        reverse("persons_of_concern:person_detail", args=[shan.pk]),
        reverse("persons_of_concern:entry_detail", args=[entry.pk]),
    ):
        assert client.get(url).status_code == 404
    assert client.get(reverse("persons_of_concern:entry_list")).status_code == 403
    assert client.get(reverse("persons_of_concern:person_list")).status_code == 403

    response = client.post(reverse("persons_of_concern:check"), {"name": "单立新"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="answer"' in body and "alert-danger" in body
    assert "重点" in body or "Key" in body  # the level
    assert "赵敏" in body  # whom to call: the proposing court's committee office
    assert reverse("persons_of_concern:person_detail", args=[shan.pk]) not in body
    assert shan.description not in body and entry.legal_basis not in body
    check = AuditEntry.objects.filter(action="persons_of_concern.list.check").last()
    assert check is not None and check.data.get("searched") == ["name"] and "单立新" not in str(check.data)

    not_listed = client.post(
        reverse("persons_of_concern:check"), {"name": "曾国强"}
    ).content.decode()  # expired
    assert "alert-success" in not_listed


def test_clerks_keep_their_courts_log_without_the_persons(client_as, persona, shinan_police) -> None:
    from benchguard.organization.models import Department
    from benchguard.persons_of_concern.models import DepartmentLog

    shinan = Department.objects.get(court__division_code="370202", name="司法警察支队")
    services.add_department_log(
        actor=shinan_police,
        department=shinan,
        event_date=timezone.localdate(),
        what_happened="市南门口拉横幅",
    )
    client = client_as("clerk")
    page = client.get(reverse("persons_of_concern:log_list")).content.decode()
    assert "在立案大厅大声喧哗" in page  # their court's line
    assert "市南门口拉横幅" not in page  # not another court's
    assert 'name="person"' not in page
    shan = PersonOfConcern.objects.get(name="单立新")
    assert reverse("persons_of_concern:person_detail", args=[shan.pk]) not in page
    filing = Department.objects.get(court__division_code="370200", name="立案庭")
    response = client.post(
        reverse("persons_of_concern:log_list"),
        {
            "department": filing.pk,
            "event_date": timezone.localdate().isoformat(),
            "what_happened": "窗口有人喧哗",
        },
    )
    assert response.status_code == 302
    assert DepartmentLog.objects.get(what_happened="窗口有人喧哗").recorded_by == persona("clerk")
    with pytest.raises(PermissionDenied):
        services.add_department_log(
            actor=persona("clerk"),
            department=filing,
            person=shan,
            event_date=timezone.localdate(),
            what_happened="x",
        )
