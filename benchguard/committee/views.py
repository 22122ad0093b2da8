"""The committee's pages (A4–A6): roster, settings, meetings. Thin: read through a
selector (404 outside the user's scope), check a predicate (403), call a service."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from benchguard.committee import permissions, selectors, services
from benchguard.committee.forms import (
    AgendaItemEditForm,
    AgendaItemForm,
    AttendanceForm,
    CancelMeetingForm,
    CommitteeSettingsForm,
    EndMembershipForm,
    FollowUpActionForm,
    MeetingEditForm,
    MeetingForm,
    MembershipEditForm,
    MembershipForm,
    MinutesForm,
    ResolutionForm,
)
from benchguard.core.forms import call_service, stored_values
from benchguard.core.services import StaleEditError
from benchguard.core.views import safe_next


def _manage(request: HttpRequest, court_id: int) -> None:
    if not permissions.can_manage_committee(request.user, court_id):
        raise PermissionDenied


def _form_page(request: HttpRequest, title: str, form: Any, back: str, **extra: Any) -> HttpResponse:
    current = extra.pop("current", None)
    return render(
        request,
        "committee/form.html",
        {
            "title": title,
            "form": form,
            "back": back,
            "current": current,
            "current_values": stored_values(form, current) if current is not None else [],
            **extra,
        },
    )


# --- Roster and settings -------------------------------------------------------------------


@login_required
def committee_home(request: HttpRequest) -> HttpResponse:
    """The menu entry: the roster of the (first) court whose committee the user sees."""
    court = selectors.committee_courts_for(request.user).order_by("sort_order", "pk").first()
    if court is None:
        raise Http404
    return redirect("committee:roster", court_pk=court.pk)


@login_required
def roster(request: HttpRequest, court_pk: int) -> HttpResponse:
    court = selectors.get_committee_court_for(request.user, court_pk)
    settings = services.settings_of(court)
    return render(
        request,
        "committee/roster.html",
        {
            "court": court,
            "settings": settings,
            "size": selectors.roster_size(court, settings),
            "current": selectors.current_roster(court),
            "history": selectors.roster_history(court),
            "can_manage": permissions.can_manage_committee(request.user, court.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, court_pk: int) -> HttpResponse:
    court = selectors.get_committee_court_for(request.user, court_pk)
    _manage(request, court.pk)
    form = MembershipForm(request.POST or None, court=court)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved, _current = call_service(
            form,
            lambda: services.create_membership(
                actor=request.user,
                court=court,
                person=data["person"],
                position=data["position"],
                member_kind=data["member_kind"],
                term_from=data["term_from"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The term was added to the roster."))
            return redirect("committee:roster", court_pk=court.pk)
    return _form_page(request, _("Add to the roster"), form, _roster_url(court.pk), court=court)


def _roster_url(court_pk: int) -> str:
    return reverse("committee:roster", kwargs={"court_pk": court_pk})


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = selectors.get_membership_for(request.user, pk)
    _manage(request, membership.court_id)
    form = MembershipEditForm(request.POST or None, instance=membership)
    current = None
    if request.method == "POST" and form.is_valid():
        saved, current = call_service(
            form,
            lambda: services.update_membership(
                actor=request.user,
                membership=membership,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
            ),
        )
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return redirect("committee:roster", court_pk=membership.court_id)
    return _form_page(
        request,
        _("Edit the term of %(name)s") % {"name": membership.person.name},
        form,
        _roster_url(membership.court_id),
        current=current,
        submit=_("Save the term"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = selectors.get_membership_for(request.user, pk)
    _manage(request, membership.court_id)
    form = EndMembershipForm(request.POST or None, instance=membership)
    current = None
    if request.method == "POST" and form.is_valid():
        saved, current = call_service(
            form,
            lambda: services.end_membership(
                actor=request.user,
                membership=membership,
                expected_version=form.cleaned_data["version"],
                term_to=form.cleaned_data["term_to"],
                end_reason=form.cleaned_data["end_reason"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The term was ended; it stays in the roster's history."))
            return redirect("committee:roster", court_pk=membership.court_id)
    return _form_page(
        request,
        _("End the term of %(name)s") % {"name": membership.person.name},
        form,
        _roster_url(membership.court_id),
        current=current,
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest, court_pk: int) -> HttpResponse:
    court = selectors.get_committee_court_for(request.user, court_pk)
    _manage(request, court.pk)
    form = CommitteeSettingsForm(request.POST or None, instance=services.settings_of(court))
    current = None
    if request.method == "POST" and form.is_valid():
        saved, current = call_service(
            form,
            lambda: services.save_committee_settings(
                actor=request.user,
                court=court,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
            ),
        )
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return redirect("committee:roster", court_pk=court.pk)
    return _form_page(
        request,
        _("Committee settings"),
        form,
        _roster_url(court.pk),
        current=current,
        court=court,
        submit=_("Save the settings"),
    )


# --- Meetings ---------------------------------------------------------------------------------


@login_required
def meeting_list(request: HttpRequest, court_pk: int) -> HttpResponse:
    court = selectors.get_committee_court_for(request.user, court_pk)
    return render(
        request,
        "committee/meeting_list.html",
        {
            "court": court,
            "meetings": selectors.meetings_for(request.user, court),
            "can_manage": permissions.can_manage_committee(request.user, court.pk),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_add(request: HttpRequest, court_pk: int) -> HttpResponse:
    court = selectors.get_committee_court_for(request.user, court_pk)
    _manage(request, court.pk)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved, _current = call_service(
            form, lambda: services.schedule_meeting(actor=request.user, court=court, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("The meeting was scheduled and the sitting members invited."))
            return redirect("committee:meeting_detail", pk=saved.pk)
    return _form_page(
        request, _("Schedule a meeting"), form, reverse("committee:meeting_list", args=[court.pk])
    )


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    can_manage = permissions.can_manage_committee(request.user, meeting.court_id)
    return render(
        request,
        "committee/meeting_detail.html",
        {
            "meeting": meeting,
            "agenda": selectors.agenda_of(meeting),
            "attendance": selectors.attendance_of(meeting),
            "quorum": services.quorum_of(meeting),
            "resolutions": selectors.resolutions_of(meeting),
            "can_manage": can_manage,
        },
    )


def _meeting_url(pk: int) -> str:
    return reverse("committee:meeting_detail", kwargs={"pk": pk})


def _meeting_form(
    request: HttpRequest,
    pk: int,
    form_class: Any,
    title: str,
    call: Any,
    done: str,
    submit: str | None = None,
) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    _manage(request, meeting.court_id)
    form = form_class(request.POST or None, instance=meeting)
    current = None
    if request.method == "POST" and form.is_valid():
        saved, current = call_service(form, lambda: call(meeting, form))
        if saved is not None:
            messages.success(request, done)
            return redirect("committee:meeting_detail", pk=meeting.pk)
    return _form_page(
        request, title, form, _meeting_url(meeting.pk), current=current, meeting=meeting, submit=submit
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        MeetingEditForm,
        _("Edit the meeting"),
        lambda meeting, form: services.update_meeting(
            actor=request.user,
            meeting=meeting,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
        ),
        _("The changes were saved."),
        submit=_("Save the meeting"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        CancelMeetingForm,
        _("Cancel the meeting"),
        lambda meeting, form: services.cancel_meeting(
            actor=request.user,
            meeting=meeting,
            expected_version=form.cleaned_data["version"],
            reason=form.cleaned_data["cancel_reason"],
        ),
        _("The meeting was cancelled."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _meeting_form(
        request,
        pk,
        MinutesForm,
        _("Minutes"),
        lambda meeting, form: services.record_minutes(
            actor=request.user,
            meeting=meeting,
            expected_version=form.cleaned_data["version"],
            minutes=form.cleaned_data["minutes"],
        ),
        _("The minutes were saved."),
        submit=_("Save the minutes"),
    )


@login_required
@require_http_methods(["POST"])
def meeting_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Explicit transition: the meeting took place. A refusal is shown on the meeting."""
    meeting = selectors.get_meeting_for(request.user, pk)
    _manage(request, meeting.court_id)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        held = services.hold_meeting(actor=request.user, meeting=meeting, expected_version=version)
    except StaleEditError as exc:
        messages.error(request, str(exc.message))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        state = services.quorum_of(held)
        if state.met:
            messages.success(request, _("The meeting was recorded as held."))
        else:
            messages.warning(
                request,
                _("The meeting was recorded as held without a quorum: it cannot pass resolutions."),
            )
    return redirect("committee:meeting_detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def attendance_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    _manage(request, meeting.court_id)
    attendances = list(selectors.attendance_of(meeting))
    form = AttendanceForm(request.POST or None, meeting=meeting, attendances=attendances)
    if request.method == "POST" and form.is_valid():
        saved, _current = call_service(
            form,
            lambda: services.record_attendance(
                actor=request.user,
                meeting=meeting,
                expected_version=form.cleaned_data["version"],
                present=form.present_ids(),
            ),
        )
        if saved is not None:
            messages.success(request, _("The attendance was recorded."))
            return redirect("committee:meeting_detail", pk=meeting.pk)
    return _form_page(
        request,
        _("Attendance"),
        form,
        _meeting_url(meeting.pk),
        meeting=meeting,
        submit=_("Record the attendance"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    _manage(request, meeting.court_id)
    from benchguard.matters.models import Matter

    form = AgendaItemForm(
        request.POST or None,
        matters=Matter.objects.visible_to(request.user)
        .filter(court_id=meeting.court_id)
        .order_by("-registered_at"),
    )
    if request.method == "POST" and form.is_valid():
        saved, _current = call_service(
            form, lambda: services.add_agenda_item(actor=request.user, meeting=meeting, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("The item was added to the agenda."))
            return redirect("committee:meeting_detail", pk=meeting.pk)
    return _form_page(request, _("Add an agenda item"), form, _meeting_url(meeting.pk), meeting=meeting)


@login_required
@require_http_methods(["GET", "POST"])
def agenda_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_agenda_item_for(request.user, pk)
    _manage(request, item.meeting.court_id)
    form = AgendaItemEditForm(request.POST or None, instance=item)
    current = None
    if request.method == "POST" and form.is_valid():
        saved, current = call_service(
            form,
            lambda: services.update_agenda_item(
                actor=request.user,
                item=item,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
            ),
        )
        if saved is not None:
            messages.success(request, _("The changes were saved."))
            return redirect("committee:meeting_detail", pk=item.meeting_id)
    return _form_page(
        request,
        _("Edit the agenda item"),
        form,
        _meeting_url(item.meeting_id),
        current=current,
        submit=_("Save the agenda item"),
        meeting=item.meeting,
    )


@login_required
@require_http_methods(["GET", "POST"])
def resolution_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    _manage(request, meeting.court_id)
    form = ResolutionForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        saved, _current = call_service(
            form, lambda: services.record_resolution(actor=request.user, meeting=meeting, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("The resolution and its vote were recorded."))
            return redirect("committee:meeting_detail", pk=meeting.pk)
    return _form_page(
        request,
        _("Record a resolution"),
        form,
        _meeting_url(meeting.pk),
        meeting=meeting,
        quorum=services.quorum_of(meeting),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = selectors.get_resolution_for(request.user, pk)
    _manage(request, resolution.meeting.court_id)
    form = FollowUpActionForm(request.POST or None, court_id=resolution.meeting.court_id)
    if request.method == "POST" and form.is_valid():
        saved, _current = call_service(
            form,
            lambda: services.add_follow_up_action(
                actor=request.user, resolution=resolution, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, _("The follow-up action was added."))
            return redirect("committee:meeting_detail", pk=resolution.meeting_id)
    return _form_page(
        request,
        _("Add a follow-up action"),
        form,
        _meeting_url(resolution.meeting_id),
        meeting=resolution.meeting,
    )


@login_required
@require_http_methods(["POST"])
def action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for(request.user, pk)
    if not permissions.can_complete_action(request.user, action):
        raise PermissionDenied
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = 0
    try:
        services.complete_follow_up_action(actor=request.user, action=action, expected_version=version)
    except StaleEditError as exc:
        messages.error(request, str(exc.message))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The action was marked done."))
    return redirect(safe_next(request, "home"))
