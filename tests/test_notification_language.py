"""Notifications are written in the recipient's language, whoever caused them (issue 9,
point 23): the office reads in English what a Chinese-speaking judge triggered, and the
e-mail copy is English too. Matters and incidents send them, so the test sits with the
project-wide tests; it runs with the notifications area's fixtures (empty inboxes, the
database queue and its worker)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.core import mail
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from benchguard.incidents import services as incident_services
from benchguard.incidents.choices import IncidentKind, Nature
from benchguard.matters import services as matter_services
from benchguard.matters.choices import Subject
from benchguard.notifications.models import Notification
from benchguard.notifications.services import localized, notify
from benchguard.notifications.tests import conftest as notification_fixtures
from benchguard.organization.models import Account, Court, Person

Persona = Callable[[str], Account]

# The notifications area's fixtures, for the tests of this module.
empty_inboxes = notification_fixtures.empty_inboxes
database_tasks = notification_fixtures.database_tasks
run_worker = notification_fixtures.run_worker


def _speaks(account: Account, language: str) -> Account:
    account.language = language
    account.save(update_fields=["language"])
    return account


def test_a_judges_application_reaches_an_english_speaking_office_in_english(
    persona: Persona, run_worker: Callable[[], None], django_capture_on_commit_callbacks: object
) -> None:
    office = _speaks(persona("office"), "en")
    judge = _speaks(persona("judge"), "zh-hans")

    with translation.override("zh-hans"), django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        matter = matter_services.submit_application(
            actor=judge,
            subject=Subject.THREAT,
            facts="宣判后当事人多次电话威胁。",
            infringer="",
            request="请求协调公安机关处理。",
            reported_to_department_on=dt.date(2026, 1, 5),
            department_response="庭里已批评教育。",
        )
    note = Notification.objects.get(recipient=office, dedupe_key=f"matter:{matter.pk}:submitted")
    assert note.title == f"New application {matter.number}"
    assert note.body == f"{judge.person.name} applied for assistance."

    run_worker()
    sent = [m for m in mail.outbox if m.to == [office.email]]
    assert len(sent) == 1 and f"New application {matter.number}" in sent[0].subject
    assert "applied for assistance." in sent[0].body

    # And the other way round: an English-speaking office accepts, the judge reads Chinese.
    with translation.override("en"):
        matter_services.accept_matter(actor=office, matter=matter)
    accepted = Notification.objects.get(recipient=judge, dedupe_key=f"matter:{matter.pk}:accepted")
    assert accepted.title == f"您的申请{matter.number}已受理"
    assert "申请" in accepted.title and "accepted" not in accepted.title


def test_an_incident_reaches_each_manager_in_their_own_language(persona: Persona) -> None:
    office = _speaks(persona("office"), "en")
    police = _speaks(persona("police"), "zh-hans")
    court = Court.objects.get(division_code="370200")
    judge = Person.objects.get(account__username="judge")

    with translation.override("zh-hans"):
        incident = incident_services.report_incident(
            actor=police,
            court=court,
            kind=IncidentKind.THREAT,
            nature=Nature.INTIMIDATION,
            occurred_at=timezone.now() - dt.timedelta(hours=1),
            place="审判楼一楼大厅",
            description="测试用事件经过。",
            targets=[judge],
        )
    key = f"incidents.reported:{incident.pk}"
    english = Notification.objects.get(recipient=office, dedupe_key=key)
    chinese = Notification.objects.get(recipient=police, dedupe_key=key)
    assert english.title == "A new incident was reported"
    assert english.body == "Threat or harassment of a judge (A8) · 审判楼一楼大厅"
    with translation.override("zh-hans"):
        assert chinese.title == str(gettext_lazy("A new incident was reported")) != english.title
        assert chinese.body == f"{IncidentKind.THREAT.label} · 审判楼一楼大厅"


def test_localized_renders_lazy_values_in_each_recipients_language(persona: Persona) -> None:
    office, judge = _speaks(persona("office"), "en"), _speaks(persona("judge"), "zh-hans")
    with translation.override("zh-hans"):
        notify(
            recipients=[office, judge],
            kind="test",
            title=localized(
                gettext_lazy("Matter %(number)s is due on %(date)s"), number="N-1", date="2026-04-01"
            ),
            body=localized("%(subject)s", subject=Subject.THREAT.label),
            dedupe_key="language-test",
        )
    to_office = Notification.objects.get(recipient=office, dedupe_key="language-test")
    to_judge = Notification.objects.get(recipient=judge, dedupe_key="language-test")
    assert to_office.title == "Matter N-1 is due on 2026-04-01"
    assert to_office.body == "Threat, intimidation or harassment"
    assert to_judge.title != to_office.title and "N-1" in to_judge.title and "2026-04-01" in to_judge.title
    assert to_judge.body != to_office.body and to_judge.body
