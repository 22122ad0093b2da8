"""What the gatehouse and the host see (issue 9, point 22): the police's hold decision has
no default; a visit that ended without entering is not shown as refused by the police;
visits of earlier days show their date; the day's end is closed and signed with its
counts; the host's notification names the visitor and the host confirms from their own
visitors page."""

from __future__ import annotations

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from benchguard.core.models import AuditEntry
from benchguard.gate import forms, selectors, services
from benchguard.gate.choices import POLICE_STATUSES, DayEndOutcome, HoldDecision, VisitStatus
from benchguard.gate.models import DayClosing, HoldDecisionRecord
from benchguard.gate.tests.conftest import days_ahead
from benchguard.notifications.models import Notification
from benchguard.organization.demo import demo_id_number

pytestmark = pytest.mark.django_db

SHAN_ID = demo_id_number("19750308", "031")  # 单立新: an active entry


def row(html: str, pk: int) -> str:
    return html.split(f'data-visit="{pk}"', 1)[1].split("</tr>", 1)[0]


# --- The hold decision has no default -------------------------------------------------------------


def test_the_hold_decision_starts_with_no_choice(visitor, client_as) -> None:
    held = visitor(visitor_name="张某某", document_number=SHAN_ID)
    assert forms.HoldDecisionForm().fields["decision"].choices[0][0] == ""  # type: ignore[attr-defined]
    police = client_as("police")
    html = police.get(reverse("gate:holds")).content.decode()
    select = (
        html.split(f'data-hold="{held.pk}"', 1)[1].split('name="decision"', 1)[1].split("</select>", 1)[0]
    )
    assert select.split("<option", 2)[1].startswith(' value=""')  # the first, shown one is empty
    response = police.post(reverse("gate:decide", args=[held.pk]), {"reason": "理由"})
    assert response.status_code == 400
    held.refresh_from_db()
    assert held.status == VisitStatus.ON_HOLD
    assert not HoldDecisionRecord.objects.filter(visit=held).exists()


# --- What the desk shows --------------------------------------------------------------------------


def test_a_visit_closed_by_the_guard_is_not_shown_as_refused_by_the_police(
    visitor, persona, client_as
) -> None:
    left = services.close_visit(actor=persona("guard"), visit=visitor(), reason="访客自行离开。")
    refused = services.decide_hold(
        actor=persona("police"),
        visit=visitor(visitor_name="张某某", document_number=SHAN_ID),
        decision=HoldDecision.REFUSE,
        reason="在列。",
    )
    assert left.status == refused.status == VisitStatus.CLOSED
    html = client_as("guard").get(reverse("gate:desk")).content.decode()
    assert 'data-testid="refused"' in row(html, refused.pk)
    assert 'data-testid="refused"' not in row(html, left.pk)
    assert str(VisitStatus.CLOSED.label) in row(html, left.pk)
    assert str(VisitStatus.CLOSED.label) == "未入内"  # "ended without entering", not "not let through"


def test_a_visit_of_an_earlier_day_shows_its_date(visitor, client_as) -> None:
    yesterday = days_ahead(1, 9, 30)
    with time_machine.travel(yesterday, tick=False):
        earlier = visitor()  # still waiting: on the desk's list the next day
    with time_machine.travel(days_ahead(2, 10, 0), tick=False):
        today = visitor()
        html = client_as("guard").get(reverse("gate:desk")).content.decode()
    assert f'data-testid="earlier-day">{yesterday:%m-%d}<' in row(html, earlier.pk)
    assert "earlier-day" not in row(html, today.pk)


# --- The day's end is closed and signed -----------------------------------------------------------


def _account_for_everyone(gatehouse, persona, day) -> int:
    """Close or record every open visit (the demo leaves some); returns how many stay inside."""
    guard, inside = persona("guard"), 0
    visits, _deposits = selectors.day_end_list(post=gatehouse, day=day)
    for visit in visits:
        if visit.status == VisitStatus.PENDING:
            services.close_visit(actor=guard, visit=visit, reason="未等到被访人。")
        elif visit.status == VisitStatus.ADMITTED:
            services.record_day_end(actor=guard, visit=visit, day=day, outcome=DayEndOutcome.STAYS_AUTHORISED)
            inside += 1
    return inside


def test_the_guard_closes_and_signs_the_day_with_its_counts(visitor, gatehouse, persona) -> None:
    guard, judge = persona("guard"), persona("judge")
    with time_machine.travel(days_ahead(5, 18, 0), tick=False):
        day = timezone.localdate()
        earlier_inside = _account_for_everyone(gatehouse, persona, day)  # the demo's open visits
        services.check_out(actor=guard, visit=services.confirm(actor=judge, visit=visitor()))
        inside = services.confirm(actor=judge, visit=visitor())
        services.close_visit(actor=guard, visit=visitor(), reason="被访人拒绝。")
        services.decide_hold(
            actor=persona("police"),
            visit=visitor(visitor_name="张某某", document_number=SHAN_ID),
            decision=HoldDecision.REFUSE,
            reason="在列。",
        )
        with pytest.raises(ValidationError) as caught:  # someone is still inside, unrecorded
            services.close_day(actor=guard, post=gatehouse, day=day)
        assert caught.value.code == "visitors_left"
        services.record_day_end(actor=guard, visit=inside, day=day, outcome=DayEndOutcome.STAYS_AUTHORISED)
        closing = services.close_day(actor=guard, post=gatehouse, day=day)
    with_police = selectors.day_end_list(post=gatehouse, day=day)[0]
    assert closing.signed_by == guard and closing.day == day
    assert closing.counts["registered"] == 4
    assert closing.counts["admitted"] == 2
    assert closing.counts["not_admitted"] == 2
    assert closing.counts["refused_by_police"] == 1
    assert closing.counts["screened_out"] == 1
    assert closing.counts["still_inside"] == 1 + earlier_inside
    assert closing.counts["with_police"] == len([v for v in with_police if v.status in POLICE_STATUSES])
    line = AuditEntry.objects.get(action="gate.day_close")
    assert line.data["registered"] == 4 and line.actor_id == guard.pk
    with pytest.raises(ValidationError) as caught:
        services.close_day(actor=guard, post=gatehouse, day=day)
    assert caught.value.code == "day_closed"
    with pytest.raises(ValidationError) as caught:  # a signed day takes no more records
        services.record_day_end(actor=guard, visit=inside, day=day, outcome=DayEndOutcome.OTHER, note="x")
    assert caught.value.code == "day_closed"
    assert DayClosing.objects.filter(post=gatehouse, day=day).count() == 1


def test_the_day_end_page_closes_the_day(gatehouse, persona, client_as) -> None:
    with time_machine.travel(days_ahead(6, 18, 0), tick=False):
        _account_for_everyone(gatehouse, persona, timezone.localdate())
        guard = client_as("guard")
        page = guard.get(reverse("gate:day_end"), {"post": gatehouse.pk}).content.decode()
        assert 'data-testid="day-counts"' in page and 'data-testid="close-day"' in page
        response = guard.post(reverse("gate:day_end"), {"post": gatehouse.pk, "action": "close_day"})
        assert response.status_code == 302
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["success"]
        page = guard.get(reverse("gate:day_end"), {"post": gatehouse.pk}).content.decode()
    assert 'data-testid="day-closed"' in page and 'data-testid="close-day"' not in page
    assert "高强" in page  # signed by the guard


def test_only_the_desk_closes_the_day(gatehouse, persona) -> None:
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.close_day(actor=persona("judge"), post=gatehouse, day=timezone.localdate())
    assert not DayClosing.objects.exists()


# --- The host -------------------------------------------------------------------------------------


def test_the_host_is_told_whom_and_confirms_from_their_visitors_page(visitor, persona, client_as) -> None:
    visit = visitor(visitor_name="钱多多", purpose="递交材料")
    note = Notification.objects.get(recipient=persona("judge"), dedupe_key=f"gate.confirm:{visit.pk}")
    assert note.body.startswith("钱多多 · ") and note.body.endswith("递交材料")
    judge = client_as("judge")
    url = reverse("gate:my_visitors")
    page = judge.get(url).content.decode()
    assert f'action="{reverse("gate:confirm", args=[visit.pk])}"' in page
    assert f'name="next" value="{url}"' in page  # back to this page after confirming
    response = judge.post(reverse("gate:confirm", args=[visit.pk]), {"next": url})
    assert response.status_code == 302 and response.url == url
    visit.refresh_from_db()
    assert visit.confirmed_by == persona("judge") and visit.status == VisitStatus.ADMITTED
    assert f'action="{reverse("gate:confirm", args=[visit.pk])}"' not in judge.get(url).content.decode()
