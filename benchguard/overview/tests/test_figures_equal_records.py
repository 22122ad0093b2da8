"""The overview's figures equal the records behind them, counted both ways (A30): each
number is the count of the list its link opens, for the same viewer; and every record
a list shows is counted once by the figure that splits that list."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchguard.organization.models import Account, Court
from benchguard.overview.figures import Figure

OVERVIEW = reverse("overview:overview")


def _listed(client: Client, url: str) -> int:
    """How many rows the list page at `url` shows (across its pages)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.context["page"].paginator.count


def _figures(client: Client, **query: str) -> dict[str, Figure]:
    response = client.get(OVERVIEW, query)
    assert response.status_code == 200
    return {figure.key: figure for figure in response.context["figures"]}


def _assert_each_number_opens_as_many(client: Client, figures: dict[str, Figure]) -> None:
    """Each number that is a link opens as many records; a number without one counts
    records of a court the viewer does not read (test_the_city_counts_every_courts_records)."""
    for figure in figures.values():
        for bar in figure.bars:
            if bar.url:
                assert _listed(client, bar.url) == bar.count, (figure.key, bar.label, bar.url)


@pytest.mark.parametrize("username", ["chair", "office", "leader"])
def test_each_number_is_the_count_of_the_list_it_opens(
    client_as: Callable[[str | None], Client], grow: Callable[..., None], username: str
) -> None:
    grow(4, hold=True)
    client = client_as(username)
    figures = _figures(client)
    _assert_each_number_opens_as_many(client, figures)
    # The rows grown are counted: the test is not comparing zeros.
    assert any(figure.total for figure in figures.values())
    if "holds-now" in figures:
        assert figures["holds-now"].total >= 1
    if "incidents-by-kind" in figures:
        assert figures["incidents-by-kind"].total >= 4
        assert figures["incidents-by-category"].total >= 2


def test_every_record_of_a_list_is_counted_once_by_the_figure_splitting_it(
    client_as: Callable[[str | None], Client], grow: Callable[..., None]
) -> None:
    grow(4)
    chair = client_as("chair")
    figures = _figures(chair)
    # The city's figures count every court's incidents (A30), the base courts' too; the
    # chair opens the intermediate court's, exactly as many as its bar says.
    from benchguard.incidents.models import Incident
    from benchguard.overview.selectors import overview_courts

    city = Incident.objects.filter(court__in=overview_courts(Account.objects.get(username="chair")))
    assert figures["incidents-by-kind"].total == city.count()
    assert figures["incidents-by-court"].total == city.count()
    own = next(bar for bar in figures["incidents-by-court"].bars if bar.url)
    assert own.count == _listed(chair, reverse("incidents:incident_list")) > 0
    active = _listed(chair, reverse("persons_of_concern:entry_list") + "?active=on")
    assert figures["controlled-list"].total == active > 0
    assert len([bar for bar in figures["incidents-by-court"].bars if not bar.url]) >= 1  # the base courts
    by_category = figures["matters-by-category"].total
    with_applicant = sum(
        _listed(chair, reverse("matters:all") + f"?category={value}")
        for value in ("quota_judge", "support_staff", "other_staff")
    )
    assert by_category == with_applicant > 0
    assert figures["open-matters"].total == sum(
        _listed(chair, reverse("matters:all") + f"?status={status}")
        for status in ("submitted", "accepted", "suspended")
    )
    # A3: every matter and incident carries one category of rights, so the split by
    # rights counts each record once: as many as the whole register, as many as the city.
    assert figures["matters-by-right"].total == _listed(chair, reverse("matters:all")) > 0
    assert figures["incidents-by-right"].total == city.count()


def test_overdue_matters_are_counted_as_the_register_finds_them(
    client_as: Callable[[str | None], Client], grow: Callable[..., None]
) -> None:
    grow(4)
    with time_machine.travel(timezone.now() + dt.timedelta(days=90)):
        office = client_as("office")
        figures = _figures(office)
        assert figures["overdue-matters"].total >= 2
        _assert_each_number_opens_as_many(office, figures)


def test_a_base_courts_leader_counts_their_courts_records_only(
    client: Client, shinan_leader: Account, grow: Callable[..., None]
) -> None:
    """The rows grown are the intermediate court's: the Shinan leader's incidents and
    visits do not move, and every number still opens as many."""
    client.force_login(shinan_leader)
    before = _figures(client)
    grow(2)
    after = _figures(client)
    assert after["incidents-by-kind"].total == before["incidents-by-kind"].total
    assert after["holds-by-month"].total == before["holds-by-month"].total
    _assert_each_number_opens_as_many(client, after)


def test_the_court_filter_counts_as_the_lists_filtered_by_court(
    client_as: Callable[[str | None], Client], grow: Callable[..., None], court: Court, shinan: Court
) -> None:
    grow(2)
    chair = client_as("chair")
    for chosen in (court, shinan):
        figures = _figures(chair, court=str(chosen.pk))
        _assert_each_number_opens_as_many(chair, figures)
    assert _figures(chair, court=str(court.pk))["incidents-by-kind"].total >= 2


def test_flagged_cases_by_level_open_as_many_cases(client_as: Callable[[str | None], Client]) -> None:
    """The demo's flagged case (重大) is counted, and each level opens its cases."""
    for who in ("chair", "office", "leader"):
        client = client_as(who)
        figures = _figures(client)
        assert figures["flagged-cases"].total >= 1
        _assert_each_number_opens_as_many(client, figures)
        # The other way: every open case at a level the viewer reads is counted once.
        from benchguard.cases.models import Case
        from benchguard.organization.models import Account

        user = Account.objects.get(username=who)
        flagged = Case.objects.visible_to(user).filter(risk_level__isnull=False).exclude(stage="closed")
        assert figures["flagged-cases"].total == flagged.count()


@pytest.mark.parametrize("username", ["leader", "chair"])
def test_the_later_registers_count_by_right_as_their_records(
    client_as: Callable[[str | None], Client], person_of: Callable[[str], Any], username: str
) -> None:
    """A3 "reports count by it": the interference register (amendments aside, as its
    quarterly reports count), the reputation and the privacy registers are split by
    right for the leaders too; each figure equals the records of the covered courts —
    the base courts' counted (A30) — and links none (counts only)."""
    from benchguard.interference import services as interference_services
    from benchguard.interference.models import Entry
    from benchguard.interference.tests.conftest import entry_fields
    from benchguard.overview.selectors import overview_courts
    from benchguard.privacy.models import ExposureCase
    from benchguard.reputation.models import OpinionEvent

    interference_services.record_entry(
        actor=Account.objects.get(username="judge2"), judge=person_of("judge2"), **entry_fields()
    )
    viewer = Account.objects.get(username=username)
    courts = overview_courts(viewer)
    figures = _figures(client_as(username))
    entries = Entry.objects.filter(court__in=courts, amends__isnull=True)
    assert entries.filter(court__parent__isnull=False).exists()  # a base court's entry is in
    assert figures["interference-by-right"].total == entries.count() > 0
    by_right = {bar.label: bar.count for bar in figures["interference-by-right"].bars}
    for entry in entries.select_related("right"):
        assert by_right[str(entry.right)] >= 1
    assert all(not bar.url for bar in figures["interference-by-right"].bars)
    for key, model in (("reputation-by-right", OpinionEvent), ("privacy-by-right", ExposureCase)):
        if key in figures:
            assert figures[key].total == model.objects.filter(court__in=courts).count(), key
