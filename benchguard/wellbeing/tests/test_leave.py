"""Annual leave (A22): entitlement by cumulative years of service (《职工带薪年休假条例》
art. 3, worked out by hand below), days counted as working days across holidays, the
art. 4 exclusions as settings, and the personnel office's list of leave not yet taken."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import pgettext
from openpyxl import load_workbook

from benchguard.core.deadlines import is_working_day
from benchguard.core.models import AuditEntry
from benchguard.core.services import update_versioned
from benchguard.organization.models import Account, Person
from benchguard.wellbeing import permissions, selectors, services
from benchguard.wellbeing.choices import LeaveKind
from benchguard.wellbeing.models import WellbeingSettings

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("years", "days"),
    [(0, 0), (1, 5), (9, 5), (10, 10), (19, 10), (20, 15), (30, 15)],
)
def test_entitlement_follows_the_years_of_service(years: int, days: int) -> None:
    # art. 3: 1 ≤ years < 10 → 5; 10 ≤ years < 20 → 10; ≥ 20 → 15; under a year none.
    assert services.entitlement_for_years(years) == days


@pytest.mark.parametrize(
    ("start", "years", "days"),
    [
        # Years completed by 31 December 2025, the end of the leave year.
        (dt.date(2025, 3, 1), 0, 0),  # started this year: none
        (dt.date(2024, 12, 31), 1, 5),  # one full year on 31 December
        (dt.date(2016, 6, 1), 9, 5),
        (dt.date(2015, 12, 31), 10, 10),
        (dt.date(2006, 1, 1), 19, 10),
        (dt.date(2005, 12, 31), 20, 15),
        (dt.date(1995, 7, 1), 30, 15),
    ],
)
def test_a_persons_leave_year_counts_full_years_by_the_end_of_the_year(
    persona: Callable[[str], Account],
    person_of: Callable[[str], Person],
    start: dt.date,
    years: int,
    days: int,
) -> None:
    chief = person_of("chief")
    services.set_service_start(actor=persona("personnel"), person=chief, service_start=start)
    year = services.leave_year_of(chief, 2025)
    assert (year.years_of_service, year.entitled, year.left) == (years, days, days)


def test_years_of_service_turn_on_the_anniversary() -> None:
    assert services.years_of_service(dt.date(2016, 6, 1), dt.date(2026, 5, 31)) == 9
    assert services.years_of_service(dt.date(2016, 6, 1), dt.date(2026, 6, 1)) == 10
    assert services.years_of_service(dt.date(2016, 2, 29), dt.date(2026, 2, 28)) == 10


def test_leave_across_national_day_counts_working_days_only(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    """Sunday 28 September to Saturday 11 October 2025: 1–8 October are days off
    (National Day and Mid-autumn), 28 September and 11 October are make-up workdays.
    Working days: 28, 29, 30 September, 9, 10, 11 October = 6 of 14 calendar days."""
    assert not is_working_day(dt.date(2025, 10, 8))
    assert is_working_day(dt.date(2025, 9, 28)) and is_working_day(dt.date(2025, 10, 11))
    chief = person_of("chief")
    personnel = persona("personnel")
    services.set_service_start(actor=personnel, person=chief, service_start=dt.date(2010, 9, 1))
    record = services.record_leave(
        actor=personnel,
        person=chief,
        kind=LeaveKind.ANNUAL,
        starts_on=dt.date(2025, 9, 28),
        ends_on=dt.date(2025, 10, 11),
    )
    assert (record.workdays, record.calendar_days) == (6, 14)
    year = services.leave_year_of(chief, 2025)
    assert (year.years_of_service, year.entitled, year.taken, year.left) == (15, 10, 6, 4)
    line = AuditEntry.objects.filter(action="wellbeing.leave.record").latest("id")
    assert line.actor_name == "徐丽华" and line.data["after"]["workdays"] == 6


def test_annual_leave_beyond_what_is_left_is_refused_naming_the_days(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    staff = person_of("staff")  # demo: service since 2021-07-01 → 5 days in 2025
    personnel = persona("personnel")
    with pytest.raises(ValidationError) as refused, translation.override("en"):
        services.record_leave(
            actor=personnel,
            person=staff,
            kind=LeaveKind.ANNUAL,
            starts_on=dt.date(2025, 11, 3),
            ends_on=dt.date(2025, 11, 10),  # Monday to Monday: 6 working days
        )
    error = refused.value.error_dict["ends_on"][0]
    assert error.code == "too_many"
    with translation.override("en"):
        assert "6 working days; 5 days" in str(error.message)


def test_the_refusals_of_leave(persona: Callable[[str], Account], person_of: Callable[[str], Person]) -> None:
    personnel = persona("personnel")
    chief = person_of("chief")

    def refused(**facts: object) -> str:
        with pytest.raises(ValidationError) as error:
            services.record_leave(actor=personnel, person=chief, **facts)  # type: ignore[arg-type]
        return str(next(iter(error.value.error_dict.values()))[0].code)

    annual = {"kind": LeaveKind.ANNUAL}
    assert refused(**annual, starts_on=dt.date(2025, 3, 3), ends_on=dt.date(2025, 3, 4)) == "no_profile"
    services.set_service_start(actor=personnel, person=chief, service_start=dt.date(2010, 1, 1))
    assert refused(**annual, starts_on=dt.date(2025, 3, 4), ends_on=dt.date(2025, 3, 3)) == "order"
    assert refused(**annual, starts_on=dt.date(2025, 12, 30), ends_on=dt.date(2026, 1, 5)) == "year"
    assert refused(**annual, starts_on=dt.date(2025, 10, 1), ends_on=dt.date(2025, 10, 5)) == "empty"
    services.record_leave(
        actor=personnel, person=chief, **annual, starts_on=dt.date(2025, 3, 3), ends_on=dt.date(2025, 3, 4)
    )
    assert refused(**annual, starts_on=dt.date(2025, 3, 4), ends_on=dt.date(2025, 3, 5)) == "overlap"
    with pytest.raises(PermissionDenied):
        services.record_leave(
            actor=persona("chief"),
            person=chief,
            **annual,
            starts_on=dt.date(2025, 5, 6),
            ends_on=dt.date(2025, 5, 6),
        )


def test_a_cancelled_leave_gives_its_days_back(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    personnel = persona("personnel")
    chief = person_of("chief")
    services.set_service_start(actor=personnel, person=chief, service_start=dt.date(2010, 1, 1))
    record = services.record_leave(
        actor=personnel,
        person=chief,
        kind=LeaveKind.ANNUAL,
        starts_on=dt.date(2025, 3, 3),
        ends_on=dt.date(2025, 3, 7),
    )
    assert services.leave_year_of(chief, 2025).taken == 5
    services.cancel_leave(actor=personnel, record=record, expected_version=record.version)
    assert services.leave_year_of(chief, 2025).taken == 0
    with pytest.raises(ValidationError):
        services.cancel_leave(actor=personnel, record=record)


@pytest.mark.parametrize(
    ("kind", "starts", "ends", "setting"),
    [
        # art. 4 (2): 20 working days of personal leave (3–30 June 2025: 20 working days)
        (LeaveKind.PERSONAL, dt.date(2025, 6, 3), dt.date(2025, 6, 30), "personal_leave_days"),
        # art. 4 (3): under 10 years, 2 months of sick leave (60 calendar days)
        (LeaveKind.SICK, dt.date(2025, 6, 1), dt.date(2025, 7, 30), "sick_leave_days_under_10"),
        # art. 4 (1): a vacation longer than the 5 days due
        (LeaveKind.VACATION, dt.date(2025, 7, 7), dt.date(2025, 7, 14), "exclude_longer_vacation"),
    ],
)
def test_the_exclusions_of_article_4_take_the_years_leave_away(
    persona: Callable[[str], Account],
    person_of: Callable[[str], Person],
    court: object,
    kind: str,
    starts: dt.date,
    ends: dt.date,
    setting: str,
) -> None:
    personnel = persona("personnel")
    staff = person_of("staff")  # 5 days due in 2025
    services.record_leave(actor=personnel, person=staff, kind=kind, starts_on=starts, ends_on=ends)
    year = services.leave_year_of(staff, 2025)
    assert (year.base_days, year.entitled) == (5, 0) and year.excluded
    # The exclusion is the court's setting: turned off (or raised), the days are due again.
    stored = WellbeingSettings.objects.get(court_id=staff.court_id)
    change: dict[str, object] = {setting: False if setting == "exclude_longer_vacation" else 200}
    update_versioned(
        WellbeingSettings,
        stored.pk,
        actor=None,
        action="wellbeing.settings.update",
        expected_version=stored.version,
        changes=change,
    )
    assert services.leave_year_of(staff, 2025).entitled == 5


def test_the_personnel_office_lists_who_has_leave_left_from_the_reminder_month(
    persona: Callable[[str], Account], person_of: Callable[[str], Person]
) -> None:
    personnel = persona("personnel")
    year = timezone.localdate().year
    with time_machine.travel(dt.datetime(year, 9, 15, 10, tzinfo=dt.UTC)):
        assert selectors.not_taken_for(personnel) == []  # before October (the default month)
    with time_machine.travel(dt.datetime(year, 10, 15, 10, tzinfo=dt.UTC)):
        listed = {r.person.name: r for r in selectors.not_taken_for(personnel)}
    # 王立明: 10 days due, 3 taken (demo); 李静: 5 days due, none taken.
    assert listed["王立明"].left == 7 and listed["李静"].left == 5
    assert not listed["王立明"].unrecorded
    # 周海 has no service start recorded: what is due is unknown, so they are listed,
    # flagged, not dropped as if nothing were due.
    assert listed["周海"].unrecorded and listed["周海"].years_of_service is None
    # Nobody else's office sees this court's list.
    assert selectors.not_taken_for(persona("union")) == []


def test_the_leave_list_and_its_export(
    client_as: Callable[[str | None], object], person_of: Callable[[str], Person]
) -> None:
    client = client_as("personnel")
    year = timezone.localdate().year
    page = client.get("/wellbeing/leave/", {"year": year, "pending": "on"})  # type: ignore[attr-defined]
    assert page.status_code == 200 and "王立明" in page.content.decode()
    export = client.get("/wellbeing/leave/export/", {"year": year})  # type: ignore[attr-defined]
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert AuditEntry.objects.filter(action="wellbeing.leave.export").exists()
    # A judge reads their own leave, not the list.
    judge = client_as("judge")
    assert judge.get("/wellbeing/leave/").status_code == 403  # type: ignore[attr-defined]
    own = judge.get(f"/wellbeing/leave/people/{person_of('judge').pk}/")  # type: ignore[attr-defined]
    assert own.status_code == 200
    assert judge.get(f"/wellbeing/leave/people/{person_of('staff').pk}/").status_code == 404  # type: ignore[attr-defined]


def test_recording_leave_from_its_page(
    client_as: Callable[[str | None], object], person_of: Callable[[str], Person]
) -> None:
    client = client_as("personnel")
    chief = person_of("chief")
    client.post(f"/wellbeing/leave/people/{chief.pk}/service/", {"service_start": "2010-01-01"})  # type: ignore[attr-defined]
    response = client.post(  # type: ignore[attr-defined]
        f"/wellbeing/leave/people/{chief.pk}/record/",
        {"kind": "annual", "starts_on": "2025-03-03", "ends_on": "2025-03-05"},
    )
    assert response.status_code == 302
    assert services.leave_year_of(chief, 2025).taken == 3
    refused = client.post(  # type: ignore[attr-defined]
        f"/wellbeing/leave/people/{chief.pk}/record/",
        {"kind": "annual", "starts_on": "2025-03-05", "ends_on": "2025-03-04"},
    )
    assert refused.status_code == 200 and refused.context["form"].errors["ends_on"]


def test_a_person_without_a_service_start_is_flagged_not_counted_as_owed_nothing(
    client_as: Callable[[str | None], object], person_of: Callable[[str], Person]
) -> None:
    """周海 (demo) has no service start: the list, the pending filter, the person's page,
    the home panel, the report and both exports say so instead of showing 0 days."""
    client = client_as("personnel")
    year = timezone.localdate().year
    zhou = person_of("chief")  # 周海
    pending = client.get("/wellbeing/leave/", {"year": year, "pending": "on"})  # type: ignore[attr-defined]
    rows = [r for r in pending.context["page"] if r.person.pk == zhou.pk]
    assert len(rows) == 1 and rows[0].unrecorded
    html = pending.content.decode()
    with translation.override("zh-hans"):
        assert str(pgettext("service start", "Not recorded")) == "未登记"
    assert 'data-testid="unrecorded"' in html
    page = client.get(f"/wellbeing/leave/people/{zhou.pk}/", {"year": year})  # type: ignore[attr-defined]
    assert 'data-testid="unrecorded"' in page.content.decode()
    assert 'data-testid="days-left"' not in page.content.decode()
    # The report counts them apart and leaves them out of the days due and left.
    report = client.get("/wellbeing/report/", {"year": year})  # type: ignore[attr-defined]
    by_label = {r.label: r for r in report.context["rows"]}
    category = str(zhou.get_category_display())
    reader = report.wsgi_request.user
    people = Person.objects.filter(
        court_id__in=permissions.report_court_ids(reader), is_active=True, category=zhou.category
    )
    years = selectors.leave_years_for(report.wsgi_request.user, year=year, category=zhou.category)
    unrecorded = [r for r in years if r.unrecorded]
    assert zhou.pk in {r.person.pk for r in unrecorded}
    assert by_label[category].leave_unrecorded == people.filter(leave_profile__isnull=True).count() >= 1
    assert by_label[category].leave_due == sum(r.entitled for r in years if not r.unrecorded)
    # The export writes the flag, not a 0.
    export = client.get("/wellbeing/leave/export/", {"year": year})  # type: ignore[attr-defined]
    sheet = load_workbook(io.BytesIO(export.content)).active
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    zhou_row = next(row for row in cells if row[0] == "周海")
    assert "未登记" in zhou_row and zhou_row[4] is None and zhou_row[6] is None
    # Recorded, the flag goes and the days are worked out.
    client.post(f"/wellbeing/leave/people/{zhou.pk}/service/", {"service_start": "2001-05-01"})  # type: ignore[attr-defined]
    assert not services.leave_year_of(zhou, year).unrecorded
    assert services.leave_year_of(zhou, year).entitled in (10, 15)
