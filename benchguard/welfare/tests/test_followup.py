"""The follow-up after harm: opened at once by an incident that harmed a judge or a
staff member (or a matter about a threat to the family), one per person per incident,
an item on each desk with a due date, closed with what was done."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from benchguard.incidents.choices import IncidentKind, Nature
from benchguard.incidents.models import Incident
from benchguard.incidents.services.register import set_targets, update_incident
from benchguard.matters.choices import Subject
from benchguard.matters.models import Matter
from benchguard.organization.choices import Role
from benchguard.organization.rights import right_for
from benchguard.welfare import services
from benchguard.welfare.choices import CounsellingAnswer, FollowUpReason, ItemKind, ItemStatus
from benchguard.welfare.models import FollowUp
from benchguard.welfare.tests.helpers import account, harm_incident, person

pytestmark = pytest.mark.django_db


def test_an_incident_that_harmed_a_judge_opens_the_checklist_at_once() -> None:
    incident = harm_incident(person("judge"), person("staff"))
    followups = FollowUp.objects.filter(incident=incident).order_by("person_id")
    assert [f.person for f in followups] == sorted([person("judge"), person("staff")], key=lambda p: p.pk)
    followup = followups.get(person=person("judge"))
    assert followup.reason == FollowUpReason.HARMED
    items = {item.kind: item for item in followup.items.all()}
    assert {kind: item.owner_role for kind, item in items.items()} == {
        ItemKind.CONDOLENCE_VISIT: Role.TRADE_UNION,
        ItemKind.INSURANCE_CLAIM: Role.PERSONNEL_OFFICE,
        ItemKind.COUNSELLING_OFFER: Role.COUNSELLOR,
        ItemKind.SPECIAL_FUND: Role.COMMITTEE_OFFICE,
    }
    today = timezone.localdate()
    assert items[ItemKind.CONDOLENCE_VISIT].due_on == today + dt.timedelta(days=3)
    assert items[ItemKind.INSURANCE_CLAIM].due_on == today + dt.timedelta(days=10)


def test_one_checklist_per_person_per_incident() -> None:
    judge = person("judge")
    incident = harm_incident(judge)
    set_targets(actor=account("office"), incident=incident, targets=[judge, person("staff")])
    assert FollowUp.objects.filter(incident=incident, person=judge).count() == 1
    assert FollowUp.objects.filter(incident=incident).count() == 2
    assert services.open_followup(actor=None, person=judge, reason="harmed", incident=incident) is None


def test_a_threat_without_harm_opens_nothing_until_it_is_recorded_as_harm() -> None:
    incident = harm_incident(person("judge"), nature=Nature.INTIMIDATION)
    assert not FollowUp.objects.filter(incident=incident).exists()
    update_incident(
        actor=account("office"),
        incident=incident,
        expected_version=incident.version,
        changes={"nature": Nature.HARM_PERSON},
    )
    assert FollowUp.objects.filter(incident=incident, person=person("judge")).exists()


def _report_threat_on_the_page(client_as, *, right: str, place: str) -> Incident:
    judge = person("judge")
    two_hours_ago = timezone.localtime(timezone.now() - dt.timedelta(hours=2))
    response = client_as("judge").post(
        reverse("incidents:report", args=[IncidentKind.THREAT]),
        {
            "court": judge.court_id,
            "nature": Nature.INTIMIDATION,
            "right": right,
            "occurred_at": two_hours_ago.strftime("%Y-%m-%dT%H:%M"),
            "place": place,
            "description": "当事人拦住法官女儿，称“让你爸小心点”。",
            "targets": [judge.pk],
        },
    )
    assert response.status_code == 302
    return Incident.objects.get(place=place)


def test_a_threat_to_the_family_reported_on_the_page_opens_the_checklist(client_as) -> None:
    """The reporter classifies the incident under "safety of close relatives" (A3) in the
    report form; the follow-up opens for the judge concerned, with the reason said."""
    incident = _report_threat_on_the_page(client_as, right=right_for("family").pk, place="小学门口")
    assert incident.right == right_for("family")
    followup = FollowUp.objects.get(incident=incident)
    assert (followup.person, followup.reason) == (person("judge"), FollowUpReason.FAMILY_THREATENED)
    assert followup.items.count() == 4


def test_the_same_threat_left_unclassified_opens_nothing(client_as) -> None:
    incident = _report_threat_on_the_page(client_as, right="", place="法院停车场")
    assert incident.right == right_for("personal-safety")
    assert not FollowUp.objects.filter(incident=incident).exists()


def test_an_application_about_a_threat_to_the_family_opens_the_checklist(client_as) -> None:
    judge = person("judge")
    response = client_as("judge").post(
        reverse("matters:apply"),
        {
            "subject": Subject.THREAT,
            "right": right_for("family").pk,
            "facts": "败诉方多次到法官家属单位纠缠，扬言“让她家里人好看”。",
            "request": "请求协调公安机关对其训诫并保护家属。",
            "reported_to_department_on": (timezone.localdate() - dt.timedelta(days=5)).isoformat(),
            "department_response": "庭里已向院办报告，未能制止。",
        },
    )
    assert response.status_code == 302
    matter = Matter.objects.get(applicant=judge, facts__startswith="败诉方多次")
    assert matter.right == right_for("family")
    followup = FollowUp.objects.get(matter=matter)
    assert (followup.person, followup.reason) == (judge, FollowUpReason.FAMILY_THREATENED)


def test_each_desk_closes_its_own_item_with_what_was_done() -> None:
    followup = FollowUp.objects.get(incident=harm_incident(person("judge")))
    visit = followup.items.get(kind=ItemKind.CONDOLENCE_VISIT)
    offer = followup.items.get(kind=ItemKind.COUNSELLING_OFFER)
    with pytest.raises(PermissionDenied):
        services.close_item(actor=account("personnel"), item=visit, outcome="已看望")
    with pytest.raises(ValidationError) as empty:
        services.close_item(actor=account("union"), item=visit, outcome=" ")
    assert empty.value.error_dict["outcome"][0].code == "required"
    visit = services.close_item(actor=account("union"), item=visit, outcome="工会主席到医院看望")
    assert visit.status == ItemStatus.DONE and visit.done_by == account("union")
    with pytest.raises(ValidationError) as again:
        services.close_item(actor=account("union"), item=visit, outcome="再次")
    assert again.value.code == "closed"
    with pytest.raises(ValidationError) as no_answer:
        services.close_item(actor=account("counsellor"), item=offer, outcome="已电话联系")
    assert no_answer.value.error_dict["counselling"][0].code == "required"
    offer = services.close_item(
        actor=account("counsellor"), item=offer, outcome="已电话联系", counselling=CounsellingAnswer.DECLINED
    )
    assert offer.counselling == CounsellingAnswer.DECLINED


def test_each_desk_is_told_which_follow_up_and_item_a_notification_is_about(
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Two people harmed in one incident: each desk gets one notification per follow-up,
    titled with the item and the follow-up's number and incident date, so two are told
    apart; the person is named in the body to the desks (who read the follow-up), never
    on the counselling offer, and nothing of health is in a title."""
    from benchguard.notifications.models import Notification
    from benchguard.organization.models import Account

    desks = ["union", "personnel", "office", "counsellor"]
    Account.objects.filter(username__in=desks).update(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        incident = harm_incident(person("judge"), person("staff"))
    followups = {f.person.name: f for f in FollowUp.objects.filter(incident=incident)}
    day = f"{timezone.localtime(incident.occurred_at):%Y-%m-%d}"
    ours = Notification.objects.filter(
        kind="welfare.followup.opened",
        url__in=[reverse("welfare:followup_detail", args=[f.pk]) for f in followups.values()],
    )
    assert ours.exists()
    union = list(ours.filter(recipient__username="union"))
    assert len(union) == 2 and len({n.title for n in union}) == 2
    for name, followup in followups.items():
        (told,) = [n for n in union if n.url.endswith(f"/{followup.pk}/")]
        assert told.title == f"Follow-up after harm no. {followup.pk} (incident of {day}): Condolence visit"
        assert name in told.body and name not in told.title
    counsellor = list(ours.filter(recipient__username="counsellor"))
    assert len(counsellor) == 2 and len({n.title for n in counsellor}) == 2
    for told in counsellor:
        assert told.title.endswith(": Counselling offer") and told.body == ""
        assert not any(name in told.title + told.body for name in followups)
    # Every desk's titles differ by the item too.
    for followup in followups.values():
        mine = ours.filter(url__endswith=f"/{followup.pk}/", recipient__username__in=desks)
        titles = set(mine.values_list("title", flat=True))
        assert len(titles) == 4
