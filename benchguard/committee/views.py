"""The committee's pages (A4–A6): roster, settings, meetings. Thin: read through a
selector (404 outside the user's scope), check a predicate (403), call a service."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
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
from benchguard.core.forms import service_arguments
from benchguard.core.views import form_action, form_page, form_page_action, one_click, safe_next


def _posted_version(request: HttpRequest) -> int:
    """The version a button's page was loaded at (0, never stored, when it is missing)."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return 0


def _manage(request: HttpRequest, court_id: int) -> None:
    if not permissions.can_manage_committee(request.user, court_id):
        raise PermissionDenied


def _form_page(request: HttpRequest, title: str, form: Any, back: str, **extra: Any) -> HttpResponse:
    """A committee page of one form (core.views.form_page), with the meeting or the
    quorum it concerns above the form."""
    return form_page(request, form=form, title=title, back=back, template="committee/form.html", **extra)


def _committee_form(
    request: HttpRequest, form: Any, run: Callable[[dict[str, Any]], Any], **kwargs: Any
) -> HttpResponse:
    """A committee form page posted to a service: the meeting or quorum it concerns shown
    above the form (`committee/form.html`); on success back to `back`."""
    return form_page_action(request, form, run, template="committee/form.html", **kwargs)


def _save_changes(
    request: HttpRequest,
    form: Any,
    update: Callable[..., Any],
    *,
    title: str,
    back: str,
    submit: str,
    **extra: Any,
) -> HttpResponse:
    """The edit page of a versioned committee row (`_committee_form`): `update`, a
    service bound to the row, saves the form's changes at the version the page was
    loaded at."""
    return _committee_form(
        request,
        form,
        lambda data: update(actor=request.user, expected_version=data["version"], changes=form.changes()),
        title=title,
        back=back,
        done=_("The changes were saved."),
        submit=submit,
        **extra,
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
    return _committee_form(
        request,
        MembershipForm(request.POST or None, court=court),
        lambda data: services.create_membership(actor=request.user, court=court, **data),
        title=_("Add to the roster"),
        back=_roster_url(court.pk),
        done=_("The term was added to the roster."),
        court=court,
    )


def _roster_url(court_pk: int) -> str:
    return reverse("committee:roster", kwargs={"court_pk": court_pk})


@login_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = selectors.get_membership_for(request.user, pk)
    _manage(request, membership.court_id)
    form = MembershipEditForm(request.POST or None, instance=membership)
    return _save_changes(
        request,
        form,
        partial(services.update_membership, membership=membership),
        title=_("Edit the term of %(name)s") % {"name": membership.person.name},
        back=_roster_url(membership.court_id),
        submit=_("Save the term"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = selectors.get_membership_for(request.user, pk)
    _manage(request, membership.court_id)
    return _committee_form(
        request,
        EndMembershipForm(request.POST or None, instance=membership),
        lambda data: services.end_membership(
            actor=request.user, membership=membership, **service_arguments(data)
        ),
        title=_("End the term of %(name)s") % {"name": membership.person.name},
        back=_roster_url(membership.court_id),
        done=_("The term was ended; it stays in the roster's history."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest, court_pk: int) -> HttpResponse:
    court = selectors.get_committee_court_for(request.user, court_pk)
    _manage(request, court.pk)
    form = CommitteeSettingsForm(request.POST or None, instance=services.settings_of(court))
    return _save_changes(
        request,
        form,
        partial(services.save_committee_settings, court=court),
        title=_("Committee settings"),
        back=_roster_url(court.pk),
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
    return form_action(
        request,
        MeetingForm(request.POST or None),
        lambda data: services.schedule_meeting(actor=request.user, court=court, **data),
        done=_("The meeting was scheduled and the sitting members invited."),
        then=lambda meeting: _meeting_url(meeting.pk),
        page=partial(
            _form_page,
            request,
            _("Schedule a meeting"),
            back=reverse("committee:meeting_list", args=[court.pk]),
        ),
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


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    _manage(request, meeting.court_id)
    form = MeetingEditForm(request.POST or None, instance=meeting)
    return _save_changes(
        request,
        form,
        partial(services.update_meeting, meeting=meeting),
        title=_("Edit the meeting"),
        back=_meeting_url(meeting.pk),
        meeting=meeting,
        submit=_("Save the meeting"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def meeting_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    _manage(request, meeting.court_id)
    return _committee_form(
        request,
        CancelMeetingForm(request.POST or None, instance=meeting),
        lambda data: services.cancel_meeting(
            actor=request.user, meeting=meeting, **service_arguments(data, cancel_reason="reason")
        ),
        title=_("Cancel the meeting"),
        back=_meeting_url(meeting.pk),
        done=_("The meeting was cancelled."),
        meeting=meeting,
    )


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    _manage(request, meeting.court_id)
    return _committee_form(
        request,
        MinutesForm(request.POST or None, instance=meeting),
        lambda data: services.record_minutes(actor=request.user, meeting=meeting, **service_arguments(data)),
        title=_("Minutes"),
        back=_meeting_url(meeting.pk),
        done=_("The minutes were saved."),
        meeting=meeting,
        submit=_("Save the minutes"),
    )


@login_required
@require_http_methods(["POST"])
def meeting_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Explicit transition: the meeting took place. A refusal is shown on the meeting."""
    meeting = selectors.get_meeting_for(request.user, pk)
    _manage(request, meeting.court_id)
    try:
        held = services.hold_meeting(
            actor=request.user, meeting=meeting, expected_version=_posted_version(request)
        )
    except ValidationError as exc:  # a stale page or a meeting not due yet
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
    return _committee_form(
        request,
        form,
        lambda data: services.record_attendance(
            actor=request.user, meeting=meeting, expected_version=data["version"], present=form.present_ids()
        ),
        title=_("Attendance"),
        back=_meeting_url(meeting.pk),
        done=_("The attendance was recorded."),
        meeting=meeting,
        submit=_("Record the attendance"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_agenda_item_for(request.user, pk)
    _manage(request, item.meeting.court_id)
    form = AgendaItemEditForm(request.POST or None, instance=item)
    return _save_changes(
        request,
        form,
        partial(services.update_agenda_item, item=item),
        title=_("Edit the agenda item"),
        back=_meeting_url(item.meeting_id),
        submit=_("Save the agenda item"),
        meeting=item.meeting,
    )


@login_required
@require_http_methods(["GET", "POST"])
def resolution_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, pk)
    _manage(request, meeting.court_id)
    return _committee_form(
        request,
        ResolutionForm(request.POST or None, meeting=meeting),
        lambda data: services.record_resolution(actor=request.user, meeting=meeting, **data),
        title=_("Record a resolution"),
        back=_meeting_url(meeting.pk),
        done=_("The resolution and its vote were recorded."),
        meeting=meeting,
        quorum=services.quorum_of(meeting),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    resolution = selectors.get_resolution_for(request.user, pk)
    _manage(request, resolution.meeting.court_id)
    return _committee_form(
        request,
        FollowUpActionForm(request.POST or None, court_id=resolution.meeting.court_id),
        lambda data: services.add_follow_up_action(actor=request.user, resolution=resolution, **data),
        title=_("Add a follow-up action"),
        back=_meeting_url(resolution.meeting_id),
        done=_("The follow-up action was added."),
        meeting=resolution.meeting,
    )


@login_required
@require_http_methods(["POST"])
def action_complete(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for(request.user, pk)
    if not permissions.can_complete_action(request.user, action):
        raise PermissionDenied
    one_click(
        request,
        lambda: services.complete_follow_up_action(
            actor=request.user, action=action, expected_version=_posted_version(request)
        ),
        _("The action was marked done."),
    )
    return redirect(safe_next(request, "home"))
