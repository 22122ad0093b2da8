"""Pages of the one-press alarm (A8, A9.3, A12): the button (a phone, a courtroom
terminal), the officers' screen that shows new alarms without reloading (short polling
with htmx, see docs/architecture.md "One-press alarm"), an alarm's page and its answers.
Thin: changes go through services, reads through selectors."""

from __future__ import annotations

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from benchguard.alarm import forms, permissions, selectors, services
from benchguard.alarm.models import Alarm, AlarmPoint
from benchguard.core.forms import call_service
from benchguard.core.views import one_click, paginated, row_page
from benchguard.organization.models import Person

logger = logging.getLogger(__name__)
POLL_SECONDS = 2  # the officers' screen asks for new alarms this often


def _own_person(request: HttpRequest) -> Person | None:
    return selectors.own_person(request.user)


@login_required
@require_GET
def press_page(request: HttpRequest) -> HttpResponse:
    """The button for a phone: the person's own alarm, the courtroom terminals of the
    court, and the alarms the person pressed that are still open."""
    if not permissions.can_press(request.user):
        raise PermissionDenied
    person = _own_person(request)
    return render(
        request,
        "alarm/press.html",
        {
            "person": person if person and permissions.can_press(request.user, person.court_id) else None,
            "form": forms.PressForm(),
            "points": selectors.points_for(request.user),
            "mine": selectors.pressed_by(request.user)[:5],
            "watches": permissions.can_watch(request.user),
        },
    )


@login_required
@require_POST
def press_mine(request: HttpRequest) -> HttpResponse:
    """One press of the person's own alarm: straight to the alarm's page."""
    person = _own_person(request)
    if person is None or not permissions.can_press(request.user, person.court_id):
        raise PermissionDenied
    form = forms.PressForm(request.POST)
    place = form.cleaned_data["place"] if form.is_valid() else ""
    alarm = one_click(
        request,
        lambda: services.press_alarm(actor=request.user, court=person.court, place=place),
        _("The alarm was sent to the judicial police."),
    )
    return redirect("alarm:alarm_detail", alarm.pk) if alarm else redirect("alarm:press")


@row_page(selectors.get_point_for, methods=["GET"])
def point_page(request: HttpRequest, point: AlarmPoint) -> HttpResponse:
    """A courtroom terminal's page: one big button for this place."""
    return render(
        request,
        "alarm/point.html",
        {
            "point": point,
            "mine": selectors.pressed_by(request.user).filter(point=point)[:3],
            "hearing_form": forms.HearingForm(
                initial={"case_number": point.hearing_case_number, "procedure": point.hearing_procedure}
            ),
        },
    )


@row_page(selectors.get_point_for, methods=["POST"])
def set_hearing(request: HttpRequest, point: AlarmPoint) -> HttpResponse:
    """The clerk sets the case being heard, so that the courtroom's alarm names it."""
    form = forms.HearingForm(request.POST)
    if form.is_valid():
        one_click(
            request,
            lambda: services.set_hearing(
                actor=request.user,
                point=point,
                case_number=form.cleaned_data["case_number"],
                procedure=form.cleaned_data["procedure"],
            ),
            _("The case being heard was saved."),
        )
    return redirect("alarm:point", point.pk)


@row_page(selectors.get_point_for, methods=["POST"])
def press_point(request: HttpRequest, point: AlarmPoint) -> HttpResponse:
    alarm = one_click(
        request,
        lambda: services.press_alarm(actor=request.user, court=point.court, point=point),
        _("The alarm was sent to the judicial police."),
    )
    return redirect("alarm:alarm_detail", alarm.pk) if alarm else redirect("alarm:point", point.pk)


@login_required
@require_GET
def board(request: HttpRequest) -> HttpResponse:
    """The officers' screen: open alarms they were told of, refreshed every few seconds
    (the feed) without reloading the page."""
    if not permissions.can_watch(request.user):
        raise PermissionDenied
    return render(request, "alarm/board.html", _feed_context(request))


@login_required
@require_GET
def board_feed(request: HttpRequest) -> HttpResponse:
    """The part of the officers' screen that is polled. Escalates what is due at the
    watcher's courts first, so a delay of seconds holds without a job every second."""
    if not permissions.can_watch(request.user):
        raise PermissionDenied
    try:
        services.escalate_due_alarms(court_ids=permissions.watcher_court_ids(request.user))
        return render(request, "alarm/board.html#feed", _feed_context(request))
    except OperationalError as exc:
        # A poll that meets a table locked by a press being written (SQLite's shared
        # cache; WAL files and PostgreSQL do not block readers) skips its turn: 204
        # leaves the screen as it is, and the next poll, seconds later, shows the alarm.
        if "locked" not in str(exc):
            raise
        logger.warning("alarm feed skipped a poll: %s", exc)
        return HttpResponse(status=204)


def _feed_context(request: HttpRequest) -> dict[str, object]:
    """The open alarms; each says whether this watcher may take it on (judicial police do,
    leaders told by an escalation watch)."""
    alarms = list(selectors.board_for(request.user)[:50])
    for alarm in alarms:
        alarm.responds = permissions.can_respond(request.user, alarm)  # type: ignore[attr-defined]
    return {"alarms": alarms, "poll": POLL_SECONDS}


@login_required
@require_GET
def alarm_list(request: HttpRequest) -> HttpResponse:
    """Every alarm of the courts the user watches (and those the user pressed)."""
    if not (permissions.can_watch(request.user) or permissions.can_press(request.user)):
        raise PermissionDenied
    rows = selectors.alarms_for(request.user).order_by("-pressed_at", "-id")
    return render(request, "alarm/alarm_list.html", {**paginated(request, rows, 50)})


@row_page(selectors.get_alarm_for, methods=["GET"])
def alarm_detail(request: HttpRequest, alarm: Alarm) -> HttpResponse:
    """An alarm: where, who, when, who took it on and when they arrived. The presser's
    copy refreshes itself (htmx) until an officer arrives."""
    context = _detail_context(request, alarm, forms.CloseForm())
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "alarm/alarm_detail.html#state", context)
    return render(request, "alarm/alarm_detail.html", context)


def _detail_context(request: HttpRequest, alarm: Alarm, close_form: forms.CloseForm) -> dict[str, object]:
    return {
        "alarm": alarm,
        "responds": permissions.can_respond(request.user, alarm),
        "closes": permissions.can_close(request.user, alarm),
        "close_form": close_form,
        "poll": POLL_SECONDS,
    }


@row_page(selectors.get_alarm_for, permissions.can_respond, methods=["POST"])
def acknowledge(request: HttpRequest, alarm: Alarm) -> HttpResponse:
    one_click(
        request,
        lambda: services.acknowledge_alarm(actor=request.user, alarm=alarm),
        _("You took the alarm on: go there now."),
    )
    return redirect("alarm:alarm_detail", alarm.pk)


@row_page(selectors.get_alarm_for, permissions.can_respond, methods=["POST"])
def arrive(request: HttpRequest, alarm: Alarm) -> HttpResponse:
    one_click(
        request,
        lambda: services.record_arrival(actor=request.user, alarm=alarm),
        _("Your arrival was recorded."),
    )
    return redirect("alarm:alarm_detail", alarm.pk)


@row_page(selectors.get_alarm_for, permissions.can_close, methods=["POST"])
def close(request: HttpRequest, alarm: Alarm) -> HttpResponse:
    form = forms.CloseForm(request.POST)
    if form.is_valid():
        outcome = form.cleaned_data["outcome"]
        closed, _current = call_service(
            form, lambda: services.close_alarm(actor=request.user, alarm=alarm, outcome=outcome)
        )
        if closed is not None:
            messages.success(request, _("The alarm was closed."))
            return redirect("alarm:alarm_detail", alarm.pk)
    # Refused (no outcome, or closed meanwhile): the page again, with what was typed.
    alarm.refresh_from_db()
    return render(request, "alarm/alarm_detail.html", _detail_context(request, alarm, form))
