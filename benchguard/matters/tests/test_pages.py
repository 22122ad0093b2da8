"""The matters pages: who finds what, forms that keep input on refusal, flat queries."""

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from benchguard.matters import services
from benchguard.matters.choices import MatterStatus
from benchguard.matters.models import Matter
from benchguard.matters.tests.conftest import application_data
from benchguard.organization.models import Account, Court, Person


def test_a_judge_applies_online_and_sees_a_plain_timeline(client_as: Callable[[str | None], Client]) -> None:
    judge = client_as("judge")
    response = judge.post("/matters/apply/", application_data())
    assert response.status_code == 302
    matter = Matter.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[1])
    assert matter.status == MatterStatus.SUBMITTED
    assert matter.applicant is not None and matter.applicant.account is not None
    assert matter.applicant.account.username == "judge"
    page = judge.get(response["Location"])
    assert page.status_code == 200
    assert [e.kind for e in page.context["events"]] == ["submitted"]
    assert page.context["forms"].keys() == {"attach"}  # the judge cannot accept their own


def test_a_missing_precondition_is_shown_next_to_the_field_and_input_kept(
    client_as: Callable[[str | None], Client],
) -> None:
    before = Matter.objects.count()
    response = client_as("judge").post("/matters/apply/", application_data(department_response=""))
    assert response.status_code == 200
    assert "department_response" in response.context["form"].errors
    assert "当事人在庭外拦截。" in response.content.decode()
    assert Matter.objects.count() == before


def test_the_office_declines_in_the_page_and_an_empty_reason_is_refused(
    client_as: Callable[[str | None], Client], application: Callable[..., Matter]
) -> None:
    matter = application("judge")
    office = client_as("office")
    refused = office.post(f"/matters/{matter.pk}/decline/", {"version": matter.version, "reason": ""})
    assert refused.status_code == 200
    assert "reason" in refused.context["forms"]["decline"].errors
    done = office.post(
        f"/matters/{matter.pk}/decline/", {"version": matter.version, "reason": "不属于受理范围。"}
    )
    assert done.status_code == 302
    matter.refresh_from_db()
    assert matter.status == MatterStatus.DECLINED


def test_a_stale_accept_in_the_page_is_refused_with_a_message(
    client_as: Callable[[str | None], Client], application: Callable[..., Matter]
) -> None:
    matter = application("judge")
    office = client_as("office")
    assert office.post(f"/matters/{matter.pk}/accept/", {"version": matter.version}).status_code == 302
    again = office.post(f"/matters/{matter.pk}/decline/", {"version": matter.version, "reason": "重复"})
    assert again.status_code == 200
    [error] = again.context["forms"]["decline"].non_field_errors().as_data()
    assert error.code == "stale"
    with translation.override("zh-hans"):
        assert str(error.message) in again.content.decode()


@pytest.mark.parametrize("outsider", ["judge2", "leader", "police", "staff", "cityadmin", "outsider"])
def test_nobody_else_can_find_that_a_matter_exists(
    outsider: str, client_as: Callable[[str | None], Client], application: Callable[..., Matter]
) -> None:
    matter = application("judge")
    client = client_as(outsider)
    assert client.get(f"/matters/{matter.pk}/").status_code == 404
    assert client.get(f"/api/matters/{matter.pk}/").status_code == 404
    assert matter.number not in client.get("/matters/").content.decode()


def test_the_applicant_does_not_see_the_offices_internal_notes(
    client_as: Callable[[str | None], Client], accepted_matter: Matter, office: Account
) -> None:
    matter = accepted_matter
    services.record_step(actor=office, matter=matter, step="note", text="内部备注：申请人情绪激动。")
    services.record_step(actor=office, matter=matter, step="contacted_judge", text="已电话联系。")
    applicant_page = client_as("judge").get(f"/matters/{matter.pk}/").content.decode()
    office_page = client_as("office").get(f"/matters/{matter.pk}/").content.decode()
    assert "内部备注" not in applicant_page and "已电话联系。" in applicant_page
    assert "内部备注" in office_page


def test_the_inbox_shows_overdue_matters_in_red(
    client_as: Callable[[str | None], Client],
    application: Callable[..., Matter],
    persona: Callable[[str], Account],
) -> None:
    import time_machine

    from benchguard.matters.tests.conftest import at

    with time_machine.travel(at("2026-09-01"), tick=False):
        overdue = services.accept_matter(actor=persona("office"), matter=application("judge"))
    page = client_as("office").get("/matters/")
    row = next(m for m in page.context["inbox"] if m.pk == overdue.pk)
    assert row.days_left < 0 and row.days_overdue == -row.days_left
    assert "table-danger" in page.content.decode()


def test_printable_notices(
    client_as: Callable[[str | None], Client], application: Callable[..., Matter]
) -> None:
    matter = application("judge")
    client = client_as("office")
    # No acceptance notice before acceptance: back to the matter with a message.
    assert client.get(f"/matters/{matter.pk}/notice/acceptance/").status_code == 302
    client.post(f"/matters/{matter.pk}/accept/", {"version": matter.version})
    notice = client.get(f"/matters/{matter.pk}/notice/acceptance/").content.decode()
    assert matter.number in notice and "print.css" in notice
    assert client.get(f"/matters/{matter.pk}/notice/unknown/").status_code == 404


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("who", "url"),
    [("office", "/matters/"), ("judge", "/matters/"), ("office", "/api/matters/"), ("office", "/")],
)
def test_matter_lists_keep_a_flat_query_count(
    who: str, url: str, client_as: Callable[[str | None], Client], persona: Callable[[str], Account]
) -> None:
    office, court = persona("office"), Court.objects.get(division_code="370200")
    client = client_as(who)

    def add(count: int) -> None:
        for _ in range(count):
            matter = services.open_ex_officio(actor=office, court=court, subject="defamation", facts="批量。")
            services.submit_application(
                actor=persona("judge"),
                subject="threat",
                facts="批量。",
                infringer="",
                request="",
                reported_to_department_on=matter.accepted_on,
                department_response="未解决。",
            )

    add(2)
    small = _queries(client, url)
    add(15)
    assert _queries(client, url) == small


def test_a_matter_on_a_meetings_agenda_links_both_ways_but_members_see_only_the_summary(
    client_as: Callable[[str | None], Client], accepted_matter: Matter, office: Account
) -> None:
    from benchguard.committee import services as committee
    from benchguard.committee.models import Meeting

    matter = accepted_matter
    meeting = Meeting.objects.filter(court_id=matter.court_id, status="planned").first()
    assert meeting is not None
    committee.add_agenda_item(
        actor=office,
        meeting=meeting,
        title="王法官被威胁一事",
        shared_summary="请委员讨论保护措施。",
        matter=matter,
    )
    office_view = client_as("office").get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert f"/matters/{matter.pk}/" in office_view
    assert client_as("office").get(f"/matters/{matter.pk}/").context["agenda_items"][0].meeting == meeting
    # A member invited to the meeting reads the summary; the matter itself stays closed.
    member = client_as("member")
    member_view = member.get(f"/committee/meetings/{meeting.pk}/")
    assert member_view.status_code == 200  # 孙丽 sits on the committee and is invited
    page = member_view.content.decode()
    assert "请委员讨论保护措施。" in page and f"/matters/{matter.pk}/" not in page
    assert member.get(f"/matters/{matter.pk}/").status_code == 404


def test_the_agenda_page_offers_the_courts_matters_and_the_item_names_the_picked_one(
    client_as: Callable[[str | None], Client], application: Callable[..., Matter], accepted_matter: Matter
) -> None:
    from benchguard.committee.models import Meeting

    matter = accepted_matter
    elsewhere = application("judge2")
    meeting = Meeting.objects.filter(court_id=matter.court_id, status="planned").first()
    assert meeting is not None
    office = client_as("office")
    url = f"/matters/meetings/{meeting.pk}/agenda/add/"
    meeting_page = office.get(f"/committee/meetings/{meeting.pk}/").content.decode()
    assert f'href="{url}"' in meeting_page

    offered = set(office.get(url).context["form"].fields["matter"].queryset)
    assert matter in offered and elsewhere not in offered

    response = office.post(url, {"title": "王法官被威胁一事", "matter": matter.pk})
    assert response.status_code == 302 and response["Location"] == f"/committee/meetings/{meeting.pk}/"
    assert meeting.agenda_items.get(title="王法官被威胁一事").matter == matter
    refused = office.post(url, {"title": "外院事项", "matter": elsewhere.pk})
    assert refused.status_code == 200 and "matter" in refused.context["form"].errors


def test_an_agenda_item_cannot_name_another_courts_matter(
    application: Callable[..., Matter], persona: Callable[[str], Account]
) -> None:
    from django.core.exceptions import ValidationError

    from benchguard.committee import services as committee
    from benchguard.committee.models import Meeting

    other = application("judge2")
    meeting = Meeting.objects.filter(court__division_code="370200", status="planned").first()
    assert meeting is not None
    with pytest.raises(ValidationError) as caught:
        committee.add_agenda_item(actor=persona("office"), meeting=meeting, title="x", matter=other)
    assert "matter" in caught.value.error_dict


def test_the_inbox_shows_fifty_matters_a_page(
    client_as: Callable[[str | None], Client], persona: Callable[[str], Account]
) -> None:
    office, court = persona("office"), Court.objects.get(division_code="370200")
    for _ in range(55):
        services.open_ex_officio(actor=office, court=court, subject="defamation", facts="批量。")
    first = client_as("office").get("/matters/")
    assert len(first.context["inbox"]) == 50
    rest = client_as("office").get("/matters/", {"page": 2})
    assert len(rest.context["inbox"]) > 0 and rest.context["page"].number == 2


def _choices(html: str, name: str) -> list[str]:
    import re

    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert select is not None, name
    return re.findall(r'<option value="([^"]+)"', select.group(1))


def test_each_reader_is_offered_only_the_steps_and_decisions_they_may_record(
    accepted_matter: Matter, client_as: Callable[[str | None], Client]
) -> None:
    """Issue 9 (4): the office was offered "chair acknowledged" and the chair's decision."""
    matter = accepted_matter
    url = f"/matters/{matter.pk}/"
    office = client_as("office").get(url).content.decode()
    assert "chair_acknowledged" not in _choices(office, "step") and "reported_to_chair" in _choices(
        office, "step"
    )
    assert _choices(office, "basis") == ["meeting"]
    chair = client_as("chair").get(url).content.decode()
    assert _choices(chair, "step") == ["chair_acknowledged"]
    assert _choices(chair, "basis") == ["chair"] and 'name="resolution"' not in chair
    vice = client_as("vicechair").get(url).content.decode()
    assert _choices(vice, "step") == ["chair_acknowledged"] and 'name="basis"' not in vice


def test_a_refused_action_shows_the_matter_again_with_what_was_typed(
    accepted_matter: Matter, client_as: Callable[[str | None], Client]
) -> None:
    """The chair is not the handler: a task given from a stale page is refused, and the
    description they typed is still there, with a message."""
    matter = accepted_matter
    judge = Person.objects.get(account__username="judge")
    response = client_as("chair").post(
        f"/matters/{matter.pk}/tasks/",
        {
            "owner": judge.pk,
            "description": "核实来电号码的机主。",
            "due_date": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 403
    page = response.content.decode()
    assert "核实来电号码的机主。" in page and f'action="/matters/{matter.pk}/tasks/"' in page
    with translation.override("zh-hans"):
        assert translation.gettext("You may not do this on this matter; nothing was saved.") in page
    assert not matter.tasks.exists()


def test_the_office_sending_the_chairs_step_is_told_so_in_the_page(
    accepted_matter: Matter, client_as: Callable[[str | None], Client]
) -> None:
    matter = accepted_matter
    response = client_as("office").post(
        f"/matters/{matter.pk}/step/", {"step": "chair_acknowledged", "text": "主任已阅。"}
    )
    assert response.status_code == 200  # not an error page: the form, the input and a message
    assert "主任已阅。" in response.content.decode() and response.context["forms"]["step"].errors["step"]
    assert not matter.events.filter(step="chair_acknowledged").exists()
