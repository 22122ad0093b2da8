"""Thin views of meetings with parties (A10.3)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.core.views import form_action, list_page_action
from benchguard.meetings import forms, permissions, selectors, services
from benchguard.meetings.choices import MeetingStatus
from benchguard.meetings.models import MeetingRequest


@login_required
@require_http_methods(["GET", "POST"])
def request_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_see_list(request.user):
        raise PermissionDenied
    return list_page_action(
        request,
        forms.RequestForm(request.POST or None, initial={"received_at": timezone.localtime()}),
        lambda data: services.record_request(actor=request.user, **data),
        done=_("The request was recorded."),
        then=lambda meeting: reverse("meetings:request_detail", args=[meeting.pk]),
        rows=selectors.requests_for(request.user),
        template="meetings/request_list.html",
        can_record=permissions.can_record(request.user),
    )


FORMS = {
    "schedule_form": forms.ScheduleForm,
    "held_form": forms.HeldForm,
    "refuse_form": forms.RefuseForm,
    "cancel_form": forms.CancelForm,
}


def _page(request: HttpRequest, meeting: MeetingRequest, status: int = 200, **bound: Any) -> HttpResponse:
    rooms = selectors.rooms_of(meeting.court_id)
    version = {"version": meeting.version}
    context: dict[str, Any] = {
        "meeting": meeting,
        "can_act": permissions.can_act(request.user, meeting),
        "open": meeting.status in (MeetingStatus.REQUESTED, MeetingStatus.SCHEDULED),
        "schedule_form": forms.ScheduleForm(rooms=rooms, initial=version),
        "held_form": forms.HeldForm(initial=version),
        "refuse_form": forms.RefuseForm(initial=version),
        "cancel_form": forms.CancelForm(initial=version),
        "register_entry": selectors.register_entry_for(request.user, meeting),
    }
    context.update(bound)
    return render(request, "meetings/request_detail.html", context, status=status)


@login_required
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, selectors.get_request_for(request.user, pk))


def _act(request: HttpRequest, pk: int, name: str, run: Any, done: str) -> HttpResponse:
    meeting = selectors.get_request_for(request.user, pk)
    extra = {"rooms": selectors.rooms_of(meeting.court_id)} if name == "schedule_form" else {}
    form = FORMS[name](request.POST, **extra)
    return form_action(
        request,
        form,
        lambda data: run(meeting, data),
        done=done,
        then=reverse("meetings:request_detail", args=[meeting.pk]),
        page=lambda form, current: _page(
            request, selectors.get_request_for(request.user, pk) if current else meeting, **{name: form}
        ),
    )


@login_required
@require_POST
def schedule(request: HttpRequest, pk: int) -> HttpResponse:
    def run(meeting: MeetingRequest, data: dict[str, Any]) -> Any:
        return services.schedule_meeting(
            actor=request.user, request=meeting, room=data["room"], starts_at=data["starts_at"],
            ends_at=data["ends_at"], expected_version=data["version"],
        )  # fmt: skip

    return _act(request, pk, "schedule_form", run, _("The room was booked."))


@login_required
@require_POST
def held(request: HttpRequest, pk: int) -> HttpResponse:
    def run(meeting: MeetingRequest, data: dict[str, Any]) -> Any:
        return services.record_meeting(
            actor=request.user, request=meeting, attendees=data["attendees"], record=data["record"],
            expected_version=data["version"],
        )  # fmt: skip

    return _act(request, pk, "held_form", run, _("The meeting was recorded."))


@login_required
@require_POST
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    def run(meeting: MeetingRequest, data: dict[str, Any]) -> Any:
        return services.refuse_request(
            actor=request.user, request=meeting, reason=data["reason"], expected_version=data["version"],
            send_to_register=data["send_to_register"],
        )  # fmt: skip

    return _act(request, pk, "refuse_form", run, _("The request was refused."))


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    def run(meeting: MeetingRequest, data: dict[str, Any]) -> Any:
        return services.cancel_request(actor=request.user, request=meeting, expected_version=data["version"])

    return _act(request, pk, "cancel_form", run, _("The request was cancelled."))
