"""The directory: search by name or pinyin, scoped to the user's court, flat query counts."""

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Court, Department, Person
from benchguard.organization.tests.factories import PersonFactory


def _add_people(count: int, court: Court) -> None:
    department = Department.objects.filter(court=court).first()
    PersonFactory.create_batch(
        count, court=court, department=department, category=PersonCategory.SUPPORT_STAFF
    )


@pytest.mark.parametrize("query", ["王立明", "wangliming", "wlm"])
def test_a_judge_is_found_by_name_pinyin_or_initials(
    client_as: Callable[[str | None], Client], query: str
) -> None:
    response = client_as("office").get("/directory/people/", {"q": query})
    names = [p.name for p in response.context["page"].object_list]
    assert "王立明" in names


def test_another_courts_people_are_not_listed(client_as: Callable[[str | None], Client]) -> None:
    response = client_as("judge2").get("/directory/people/", {"q": "王立明"})
    assert list(response.context["page"].object_list) == []
    response = client_as("judge2").get("/directory/people/")
    assert {p.court.division_code for p in response.context["page"].object_list} == {"370202"}


def test_htmx_gets_only_the_results(client_as: Callable[[str | None], Client]) -> None:
    response = client_as("office").get(
        "/directory/people/", {"q": "wlm"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results"
    )
    page = response.content.decode()
    assert 'id="results"' in page and "<html" not in page


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/directory/people/", "/directory/", "/api/people/", "/api/courts/", "/"])
def test_list_pages_do_not_grow_queries_with_rows(
    client_as: Callable[[str | None], Client], url: str
) -> None:
    client = client_as("office")
    court = Court.objects.get(division_code="370200")
    _add_people(3, court)
    small = _queries(client, url)
    _add_people(40, court)
    assert _queries(client, url) == small


def test_department_page_queries_stay_flat(client_as: Callable[[str | None], Client]) -> None:
    client = client_as("office")
    court = Court.objects.get(division_code="370200")
    department = Department.objects.filter(court=court).first()
    assert department is not None
    _add_people(3, court)
    small = _queries(client, f"/directory/departments/{department.pk}/")
    _add_people(30, court)
    assert _queries(client, f"/directory/departments/{department.pk}/") == small


def test_people_are_listed_with_their_court_and_department(
    client_as: Callable[[str | None], Client],
) -> None:
    page = client_as("office").get("/directory/people/", {"q": "wlm"}).content.decode()
    assert "青岛中院" in page and "民事审判第一庭" in page
    assert Person.objects.filter(name="王立明").count() == 1


def test_a_new_court_is_invisible_to_everyone_outside_it(client_as: Callable[[str | None], Client]) -> None:
    stranger: Person = PersonFactory.create(name="路人甲")
    assert client_as("judge").get(f"/directory/people/{stranger.pk}/").status_code == 404
    assert client_as("office").get(f"/directory/courts/{stranger.court_id}/").status_code == 404
    assert client_as("cityadmin").get(f"/directory/people/{stranger.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("曾国藩", "zengguofan", "zgf"),  # 曾 as a surname is zeng, not ceng
        ("单田芳", "shantianfang", "stf"),  # 单 as a surname is shan, not dan
        ("尉迟恭", "yuchigong", "ycg"),  # a compound surname
        ("王立明", "wangliming", "wlm"),
    ],
)
def test_surnames_are_read_as_surnames(name: str, full: str, initials: str) -> None:
    from benchguard.organization.services import pinyin_of

    assert pinyin_of(name) == (full, initials)


def test_a_judge_named_zeng_is_found_by_zeng(client_as: Callable[[str | None], Client]) -> None:
    court = Court.objects.get(division_code="370200")
    PersonFactory.create(name="曾晓", court=court, department=Department.objects.filter(court=court).first())
    names = [p.name for p in client_as("office").get("/directory/people/", {"q": "zengx"}).context["page"]]
    assert names == ["曾晓"]


def test_a_user_of_several_courts_picks_a_court_before_its_departments(
    client_as: Callable[[str | None], Client],
) -> None:
    client = client_as("cityadmin")
    form = client.get("/directory/people/").context["form"]
    assert list(form.fields["department"].queryset) == []
    shinan = Court.objects.get(division_code="370202")
    response = client.get("/directory/people/", {"court": shinan.pk})
    departments = response.context["form"].fields["department"].queryset
    assert {d.court_id for d in departments} == {shinan.pk}
    assert len(departments) == len(Department.objects.filter(court=shinan))
    assert {p.court_id for p in response.context["page"]} == {shinan.pk}


def test_a_user_of_one_court_gets_no_court_choice(client_as: Callable[[str | None], Client]) -> None:
    form = client_as("office").get("/directory/people/").context["form"]
    assert "court" not in form.fields
    assert {d.court.division_code for d in form.fields["department"].queryset} == {"370200"}


def test_another_courts_id_in_the_court_filter_is_refused(client_as: Callable[[str | None], Client]) -> None:
    response = client_as("cityadmin").get("/directory/people/", {"court": "999999"})
    assert "court" in response.context["form"].errors
