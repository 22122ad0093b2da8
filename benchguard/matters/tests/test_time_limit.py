"""The 30-day time limit (A26.4): due dates around the official holidays, suspensions,
extensions and reminders. Dates checked against the official 2026 table in the
chinese-calendar package (Spring Festival off 15–23 Feb, make-up workdays Sat 14 and Sat
28 Feb; Labour Day off 1–5 May, make-up Sat 9 May; National Day off 1–7 Oct, make-up
Sun 20 Sep and Sat 10 Oct)."""

import datetime as dt
from collections.abc import Callable

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import Client

from benchguard.matters import selectors, services
from benchguard.matters.choices import MatterStatus, TimeRequestKind
from benchguard.matters.models import Matter, MatterSettings
from benchguard.matters.tests.conftest import at
from benchguard.notifications.models import Notification
from benchguard.organization.models import Account

# Before the due dates below: requests and approvals are in time (issue 9, point 10).
IN_TIME = time_machine.travel(at("2026-03-10"), tick=False)


def _accept_on(day: str, application: Callable[..., Matter], office: Account) -> Matter:
    with time_machine.travel(at(day), tick=False):
        return services.accept_matter(actor=office, matter=application("judge"))


@pytest.fixture
def matter(application: Callable[..., Matter], office: Account) -> Matter:
    """The judge's application, accepted by the office on Mon 2 March 2026: due Wed 1 April."""
    return _accept_on("2026-03-02", application, office)


@pytest.mark.parametrize(
    ("accepted", "due"),
    [
        # Tue 20 Jan + 30 = Thu 19 Feb, inside Spring Festival (off 15–23 Feb) → Tue 24 Feb.
        ("2026-01-20", "2026-02-24"),
        # Thu 15 Jan + 30 = Sat 14 Feb, a make-up workday before Spring Festival → stays.
        ("2026-01-15", "2026-02-14"),
        # Wed 1 Apr + 30 = Fri 1 May, Labour Day (off 1–5 May) → Wed 6 May.
        ("2026-04-01", "2026-05-06"),
        # Thu 10 Sep + 30 = Sat 10 Oct, a make-up workday after National Day → stays.
        ("2026-09-10", "2026-10-10"),
        # Mon 7 Sep + 30 = Wed 7 Oct, the last day of National Day → Thu 8 Oct.
        ("2026-09-07", "2026-10-08"),
        # Fri 6 Mar + 30 = Sun 5 Apr, Qingming (Sat 4 – Mon 6 Apr off) → Tue 7 Apr.
        ("2026-03-06", "2026-04-07"),
        # Wed 4 Mar + 30 = Fri 3 Apr, an ordinary working day → stays.
        ("2026-03-04", "2026-04-03"),
    ],
)
def test_the_due_date_follows_the_official_holiday_table(
    accepted: str, due: str, application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    matter = _accept_on(accepted, application, persona("office"))
    assert matter.due_date == dt.date.fromisoformat(due)


def test_a_suspension_stops_the_clock_and_resuming_moves_the_due_date(
    matter: Matter, office: Account, chair: Account
) -> None:
    with time_machine.travel(at("2026-03-10"), tick=False):
        request = services.request_time(
            actor=office, matter=matter, kind=TimeRequestKind.SUSPENSION, reason="等待补充材料。"
        )
        services.decide_time_request(actor=chair, time_request=request, approve=True)
    matter.refresh_from_db()
    assert (matter.status, matter.suspended_since) == (MatterStatus.SUSPENDED, dt.date(2026, 3, 10))
    with time_machine.travel(at("2026-03-20"), tick=False):
        matter = services.resume_matter(actor=office, matter=matter)
    # Suspended from 10 March, resumed 20 March: the 10 days 11–20 March do not count,
    # so the 30th counted day is 11 April (Saturday) → Monday 13 April.
    assert (matter.status, matter.due_date) == (MatterStatus.ACCEPTED, dt.date(2026, 4, 13))
    assert "2026-04-13" in matter.events.last().text  # type: ignore[union-attr]


@IN_TIME
def test_an_extension_needs_the_chair_and_moves_the_due_date(
    matter: Matter, office: Account, persona: Callable[[str], Account]
) -> None:
    request = services.request_time(
        actor=office, matter=matter, kind=TimeRequestKind.EXTENSION, days=15, reason="需调查。"
    )
    with pytest.raises(PermissionDenied):
        services.decide_time_request(actor=persona("vicechair"), time_request=request, approve=True)
    services.decide_time_request(actor=persona("chair"), time_request=request, approve=True)
    matter.refresh_from_db()
    # 30 + 15 = 45 days after Mon 2 March = Thu 16 April, a working day.
    assert (matter.extended_days, matter.due_date) == (15, dt.date(2026, 4, 16))


@IN_TIME
def test_a_rejected_request_changes_nothing_and_cannot_be_decided_twice(
    matter: Matter, office: Account, chair: Account
) -> None:
    request = services.request_time(
        actor=office, matter=matter, kind=TimeRequestKind.EXTENSION, days=10, reason="理由"
    )
    services.decide_time_request(actor=chair, time_request=request, approve=False, note="无需延长。")
    matter.refresh_from_db()
    assert matter.due_date == dt.date(2026, 4, 1)
    with pytest.raises(ValidationError) as caught:
        services.decide_time_request(actor=chair, time_request=request, approve=True)
    assert caught.value.code == "decided"


@IN_TIME
def test_a_second_request_waits_for_the_first(
    matter: Matter, office: Account, persona: Callable[[str], Account]
) -> None:
    services.request_time(actor=office, matter=matter, kind=TimeRequestKind.EXTENSION, days=10, reason="一")
    with pytest.raises(ValidationError) as caught:
        services.request_time(actor=office, matter=matter, kind=TimeRequestKind.SUSPENSION, reason="二")
    assert caught.value.code == "pending"


@pytest.mark.parametrize("days", [0, 91, None])
@IN_TIME
def test_an_extension_outside_1_to_90_days_is_refused(
    days: int | None, matter: Matter, office: Account, persona: Callable[[str], Account]
) -> None:
    with pytest.raises(ValidationError) as caught:
        services.request_time(
            actor=office, matter=matter, kind=TimeRequestKind.EXTENSION, days=days, reason="理由"
        )
    assert "days" in caught.value.error_dict


# --- Reminders --------------------------------------------------------------------------------


def _reminders_for(matter: Matter, kind: str = "due") -> list[tuple[str, str]]:
    """Who was reminded of the matter, and by which reminder (`kind`: "due" for the time
    limit, "acceptance" for the internal target)."""
    return sorted(
        Notification.objects.filter(dedupe_key__startswith=f"matter:{matter.pk}:{kind}:").values_list(
            "recipient__username", "dedupe_key"
        )
    )


def test_reminders_come_at_7_3_and_1_days_and_when_overdue_once_each(
    matter: Matter, persona: Callable[[str], Account]
) -> None:
    sent_days = {
        "2026-03-24": None,  # 8 days left: nothing yet
        "2026-03-25": "7d",  # 7 days left
        "2026-03-26": "7d",  # the same stage again: nothing new
        "2026-03-29": "3d",
        "2026-03-31": "1d",
        "2026-04-01": "1d",  # due today: still the 1-day stage
        "2026-04-02": "overdue",
    }
    stages: list[str] = []
    for day in sent_days:
        with time_machine.travel(at(day, 8), tick=False):
            services.send_due_reminders()
            services.send_due_reminders()  # a second worker, or a re-run: no duplicates
        keys = {key.rsplit(":", 1)[1] for _user, key in _reminders_for(matter)}
        stages.append(",".join(sorted(keys)))
    assert stages == ["", "7d", "7d", "3d,7d", "1d,3d,7d", "1d,3d,7d", "1d,3d,7d,overdue"]
    # Each stage reached the handler (the office clerk, who accepted) and the chair, once.
    recipients = _reminders_for(matter)
    assert recipients.count(("office", f"matter:{matter.pk}:due:2026-04-01:overdue")) == 1
    assert ("chair", f"matter:{matter.pk}:due:2026-04-01:7d") in recipients


def test_a_missed_day_is_made_up_by_the_next_run(matter: Matter, persona: Callable[[str], Account]) -> None:
    with time_machine.travel(at("2026-03-30", 8), tick=False):  # the worker was down until 2 days left
        services.send_due_reminders()
    assert {key.rsplit(":", 1)[1] for _u, key in _reminders_for(matter)} == {"3d"}


def test_an_extension_rearms_the_reminders(
    matter: Matter, office: Account, persona: Callable[[str], Account]
) -> None:
    with time_machine.travel(at("2026-03-31", 8), tick=False):
        services.send_due_reminders()
        request = services.request_time(
            actor=office, matter=matter, kind=TimeRequestKind.EXTENSION, days=10, reason="理由"
        )
        services.decide_time_request(actor=persona("chair"), time_request=request, approve=True)
    matter.refresh_from_db()
    # 40 days after Mon 2 March = Sat 11 April → Mon 13 April.
    assert matter.due_date == dt.date(2026, 4, 13)
    with time_machine.travel(at("2026-04-12", 8), tick=False):
        services.send_due_reminders()
    keys = {key for _u, key in _reminders_for(matter)}
    assert f"matter:{matter.pk}:due:2026-04-13:1d" in keys


@IN_TIME
def test_suspended_and_finished_matters_get_no_reminders(
    matter: Matter, office: Account, chair: Account
) -> None:
    request = services.request_time(
        actor=office, matter=matter, kind=TimeRequestKind.SUSPENSION, reason="等待"
    )
    with time_machine.travel(at("2026-03-03"), tick=False):
        services.decide_time_request(actor=chair, time_request=request, approve=True)
    with time_machine.travel(at("2026-04-05", 8), tick=False):
        services.send_due_reminders()
    assert _reminders_for(matter) == []


def test_the_scheduled_job_sends_reminders_through_the_worker(
    matter: Matter, persona: Callable[[str], Account]
) -> None:
    from django.core.management import call_command

    with time_machine.travel(at("2026-04-02", 9), tick=False):
        call_command("worker", "--once")  # claims today's 08:00 run and runs it
        call_command("worker", "--once")  # the same period again: nothing more
    overdue = [(user, key) for user, key in _reminders_for(matter) if key.endswith(":overdue")]
    assert {user for user, _key in overdue} == {"office", "chair"}
    assert len(overdue) == len(set(overdue))  # one per person


def test_a_holiday_added_by_the_administrator_moves_open_due_dates(
    matter: Matter, persona: Callable[[str], Account], django_capture_on_commit_callbacks
) -> None:
    from benchguard.core import deadlines

    with django_capture_on_commit_callbacks(execute=True):
        deadlines.save_calendar_day(
            actor=persona("cityadmin"),
            change=deadlines.DayChange(date=dt.date(2026, 4, 1), kind="holiday", name="测试假日", note=""),
        )
    matter.refresh_from_db()
    # 1 April is now a holiday: the period ends on the next working day, Thu 2 April.
    assert matter.due_date == dt.date(2026, 4, 2)
    assert matter.events.filter(kind="due_date_moved").exists()


@IN_TIME
def test_two_extensions_run_on_one_after_the_other(
    application: Callable[..., Matter], office: Account, chair: Account
) -> None:
    matter = _accept_on("2026-03-06", application, office)  # Fri 6 Mar + 30 = Sun 5 Apr → Tue 7 Apr
    assert matter.due_date == dt.date(2026, 4, 7)
    for days in (2, 3):
        request = services.request_time(
            actor=office, matter=matter, kind=TimeRequestKind.EXTENSION, days=days, reason="理由"
        )
        services.decide_time_request(actor=chair, time_request=request, approve=True)
    matter.refresh_from_db()
    # Each extension counts from the due date before it: 7 Apr + 2 = Thu 9 Apr;
    # 9 Apr + 3 = Sun 12 Apr → Mon 13 Apr.
    assert matter.due_date == dt.date(2026, 4, 13)


def test_the_office_head_on_the_roster_gets_the_reminders(
    matter: Matter, office: Account, persona: Callable[[str], Account]
) -> None:
    from benchguard.committee import services as committee
    from benchguard.organization.models import Person

    head = Person.objects.get(account__username="personnel")
    committee.create_membership(
        actor=office, court=head.court, person=head, position="office_head", term_from=dt.date(2026, 1, 1)
    )
    with time_machine.travel(at("2026-03-31", 8), tick=False):
        services.send_due_reminders()
    assert {user for user, _key in _reminders_for(matter)} == {"office", "personnel", "chair"}


def test_a_court_that_counts_working_days_gets_a_working_day_due_date(
    application: Callable[..., Matter], persona: Callable[[str], Account], client_as
) -> None:
    from benchguard.matters.models import MatterSettings
    from benchguard.organization.models import Court

    court_settings = services.settings_for(Court.objects.get(division_code="370200"))
    response = client_as("admin").post(
        f"/admin/matters/mattersettings/{court_settings.pk}/change/",
        {"handling_days": 20, "calendar_days": "", "number_format": court_settings.number_format,
         "acceptance_target_days": 5, "loaded_version": court_settings.version},
    )  # fmt: skip
    assert response.status_code == 302
    assert MatterSettings.objects.get(pk=court_settings.pk).handling_days == 20
    matter = _accept_on("2026-09-21", application, persona("office"))
    # Mon 21 Sep 2026, 20 working days: 22–24 Sep (3; Fri 25 Sep is Mid-Autumn, off);
    # 28–30 Sep (3) = 6; National Day 1–7 Oct off; 8, 9 Oct (2) = 8; Sat 10 Oct make-up
    # workday = 9; 12–16 Oct (5) = 14; 19–23 Oct (5) = 19; Mon 26 Oct = 20.
    assert matter.due_date == dt.date(2026, 10, 26)


def test_a_number_format_without_a_sequence_is_refused_in_the_admin(client_as) -> None:
    from benchguard.organization.models import Court

    court_settings = services.settings_for(Court.objects.get(division_code="370200"))
    response = client_as("admin").post(
        f"/admin/matters/mattersettings/{court_settings.pk}/change/",
        {"handling_days": 30, "calendar_days": "on", "number_format": "{abbreviation}权保〔{year}〕号",
         "loaded_version": court_settings.version},
    )  # fmt: skip
    assert response.status_code == 200
    assert "number_format" in response.context["adminform"].form.errors


def test_a_due_date_in_a_year_without_the_official_schedule_is_flagged(
    application: Callable[..., Matter], persona: Callable[[str], Account], client_as
) -> None:
    # Accepted Wed 16 Dec 2026 + 30 = Fri 15 Jan 2027; 2027's schedule is not published.
    matter = _accept_on("2026-12-16", application, persona("office"))
    assert matter.due_date == dt.date(2027, 1, 15)
    page = client_as("office").get(f"/matters/{matter.pk}/")
    assert page.context["provisional"] is True
    assert 'data-testid="provisional"' in page.content.decode()


# --- Past the due date (issue 9, point 10) ------------------------------------------------------


def test_an_extension_asked_on_the_due_date_is_approved_the_day_after_is_refused(
    matter: Matter, office: Account, chair: Account
) -> None:
    with time_machine.travel(at("2026-04-01"), tick=False):  # the last day: still in time
        request = services.request_time(
            actor=office, matter=matter, kind=TimeRequestKind.EXTENSION, days=10, reason="需调查。"
        )
    with time_machine.travel(at("2026-04-02"), tick=False), pytest.raises(ValidationError) as caught:
        services.decide_time_request(actor=chair, time_request=request, approve=True)
    assert caught.value.code == "overdue" and "2026-04-01" in caught.value.messages[0]
    matter.refresh_from_db()
    assert (matter.due_date, matter.extended_days) == (dt.date(2026, 4, 1), 0)
    with time_machine.travel(at("2026-04-02"), tick=False):  # rejecting clears the request
        services.decide_time_request(actor=chair, time_request=request, approve=False)
        assert selectors.overdue_since(matter) == dt.date(2026, 4, 2)


@pytest.mark.parametrize("kind", [TimeRequestKind.SUSPENSION, TimeRequestKind.EXTENSION])
def test_nothing_can_be_asked_19_days_after_the_due_date(
    kind: str, matter: Matter, office: Account, persona: Callable[[str], Account]
) -> None:
    # Due Wed 1 April; 1 + 19 = 20 April.
    with time_machine.travel(at("2026-04-20"), tick=False), pytest.raises(ValidationError) as caught:
        services.request_time(actor=office, matter=matter, kind=kind, days=30, reason="补办延长。")
    assert caught.value.code == "overdue"
    assert not matter.time_requests.exists()


def _decide_on(day: str, matter: Matter, chair: Account) -> None:
    """The chair decides the matter on `day`; `matter` is then read again as stored."""
    with time_machine.travel(at(day), tick=False):
        services.decide_matter(
            actor=chair, matter=matter, basis="chair", findings="属实。", handling_opinion="协调处理。"
        )
    matter.refresh_from_db()


def test_a_matter_decided_late_stays_overdue_on_its_page(
    application: Callable[..., Matter],
    matter: Matter,
    persona: Callable[[str], Account],
    client_as: Callable[..., Client],
) -> None:
    _decide_on("2026-04-03", matter, persona("chair"))
    assert selectors.overdue_since(matter) == dt.date(2026, 4, 2)
    page = client_as("office").get(f"/matters/{matter.pk}/").content.decode()
    assert 'data-testid="overdue-since"' in page and "2026-04-02" in page
    on_time = _accept_on("2026-03-02", application, persona("office"))
    _decide_on("2026-04-01", on_time, persona("chair"))
    assert selectors.overdue_since(on_time, dt.date(2026, 12, 1)) is None


# --- The internal target for accepting an application (issue 9, point 14) -------------------


def test_an_application_waiting_past_the_internal_target_reminds_the_office_once(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    with time_machine.travel(at("2026-03-02"), tick=False):  # Monday
        matter = application("judge")
    # 5 working days after Mon 2 March: 3, 4, 5, 6, 9 March → target Mon 9 March.
    assert selectors.acceptance_target(matter) == dt.date(2026, 3, 9)
    with time_machine.travel(at("2026-03-09", 8), tick=False):
        services.send_acceptance_reminders()
    assert _reminders_for(matter, "acceptance") == []
    for day in ("2026-03-10", "2026-03-10", "2026-03-11", "2026-07-02"):  # four months on: no repeat
        with time_machine.travel(at(day, 8), tick=False):
            services.send_acceptance_reminders()
    reminded = _reminders_for(matter, "acceptance")
    assert reminded == [("office", f"matter:{matter.pk}:acceptance:2026-03-09")]
    note = Notification.objects.get(recipient__username="office", dedupe_key=reminded[0][1])
    assert "2026-03-02" in note.body and "2026-03-09" in note.body


def test_the_target_is_the_courts_setting_and_ends_with_acceptance(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    office = persona("office")
    with time_machine.travel(at("2026-03-02"), tick=False):
        matter = application("judge")
    MatterSettings.objects.filter(court=matter.court).update(acceptance_target_days=2)
    assert selectors.acceptance_target(matter) == dt.date(2026, 3, 4)  # Tue 3, Wed 4 March
    with time_machine.travel(at("2026-03-04"), tick=False):
        services.accept_matter(actor=office, matter=matter)
    with time_machine.travel(at("2026-03-20", 8), tick=False):
        call_command("worker", "--once")  # the daily reminder job
    matter.refresh_from_db()
    assert _reminders_for(matter, "acceptance") == [] and selectors.acceptance_target(matter) is None


def test_the_scheduled_job_reminds_of_a_four_month_old_application(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    with time_machine.travel(at("2026-03-02"), tick=False):
        matter = application("judge")
    with time_machine.travel(at("2026-07-02", 9), tick=False):
        call_command("worker", "--once")
        call_command("worker", "--once")
    assert _reminders_for(matter, "acceptance") == [("office", f"matter:{matter.pk}:acceptance:2026-03-09")]
    page = Client()
    page.force_login(persona("office"))
    with time_machine.travel(at("2026-07-02", 9), tick=False):
        shown = page.get(f"/matters/{matter.pk}/").content.decode()
    assert 'data-testid="acceptance-target"' in shown and "2026-03-09" in shown
