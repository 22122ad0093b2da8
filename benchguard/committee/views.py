"""The committee's pages (A4–A6): roster, settings, meetings. Thin: read through a
selector (404 outside the user's scope), check a predicate (403), call a service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from operator import attrgetter
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

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
from benchguard.committee.models import AgendaItem, CommitteeMembership, FollowUpAction, Meeting, Resolution
from benchguard.core.forms import service_arguments
from benchguard.core.views import (
    form_action,
    form_page,
    form_page_action,
    one_click,
    posted_version,
    row_page,
    safe_next,
)
from benchguard.organization.models import Court

R = TypeVar("R")


def _managed(
    get: Callable[[Any, int], R], court_of: Callable[[R], int], methods: Sequence[str] = ("GET", "POST")
) -> Callable[[Callable[[HttpRequest, R], HttpResponse]], Callable[..., HttpResponse]]:
    """A page about one row (core.views.row_page) that only the managers of the court the
    row belongs to (`court_of`) may use."""
    return row_page(
        get, lambda user, row: permissions.can_manage_committee(user, court_of(row)), methods=methods
    )


_court_page = partial(_managed, selectors.get_committee_court_for, attrgetter("pk"))
_membership_page = partial(_managed, selectors.get_membership_for, attrgetter("court_id"))
_meeting_page = partial(_managed, selectors.get_meeting_for, attrgetter("court_id"))


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


def _at_meeting(meeting: Meeting) -> dict[str, Any]:
    """A meeting's form page: the meeting above the form, and back to it afterwards."""
    return {"back": _meeting_url(meeting.pk), "meeting": meeting}


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


@_court_page()
def membership_add(request: HttpRequest, court: Court) -> HttpResponse:
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


@_membership_page()
def membership_edit(request: HttpRequest, membership: CommitteeMembership) -> HttpResponse:
    return _save_changes(
        request,
        MembershipEditForm(request.POST or None, instance=membership),
        partial(services.update_membership, membership=membership),
        title=_("Edit the term of %(name)s") % {"name": membership.person.name},
        back=_roster_url(membership.court_id),
        submit=_("Save the term"),
    )


@_membership_page()
def membership_end(request: HttpRequest, membership: CommitteeMembership) -> HttpResponse:
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


@_court_page()
def settings_edit(request: HttpRequest, court: Court) -> HttpResponse:
    return _save_changes(
        request,
        CommitteeSettingsForm(request.POST or None, instance=services.settings_of(court)),
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


@_court_page()
def meeting_add(request: HttpRequest, court: Court) -> HttpResponse:
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


@_meeting_page()
def meeting_edit(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return _save_changes(
        request,
        MeetingEditForm(request.POST or None, instance=meeting),
        partial(services.update_meeting, meeting=meeting),
        title=_("Edit the meeting"),
        submit=_("Save the meeting"),
        **_at_meeting(meeting),
    )


@_meeting_page()
def meeting_cancel(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return _committee_form(
        request,
        CancelMeetingForm(request.POST or None, instance=meeting),
        lambda data: services.cancel_meeting(
            actor=request.user, meeting=meeting, **service_arguments(data, cancel_reason="reason")
        ),
        title=_("Cancel the meeting"),
        done=_("The meeting was cancelled."),
        **_at_meeting(meeting),
    )


@_meeting_page()
def minutes_edit(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return _committee_form(
        request,
        MinutesForm(request.POST or None, instance=meeting),
        lambda data: services.record_minutes(actor=request.user, meeting=meeting, **service_arguments(data)),
        title=_("Minutes"),
        done=_("The minutes were saved."),
        submit=_("Save the minutes"),
        **_at_meeting(meeting),
    )


@_meeting_page(methods=["POST"])
def meeting_hold(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    """Explicit transition: the meeting took place. A refusal is shown on the meeting."""
    try:
        held = services.hold_meeting(
            actor=request.user, meeting=meeting, expected_version=posted_version(request)
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


@_meeting_page()
def attendance_edit(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    attendances = list(selectors.attendance_of(meeting))
    form = AttendanceForm(request.POST or None, meeting=meeting, attendances=attendances)
    return _committee_form(
        request,
        form,
        lambda data: services.record_attendance(
            actor=request.user, meeting=meeting, expected_version=data["version"], present=form.present_ids()
        ),
        title=_("Attendance"),
        done=_("The attendance was recorded."),
        submit=_("Record the attendance"),
        **_at_meeting(meeting),
    )


@_managed(selectors.get_agenda_item_for, attrgetter("meeting.court_id"))
def agenda_edit(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    return _save_changes(
        request,
        AgendaItemEditForm(request.POST or None, instance=item),
        partial(services.update_agenda_item, item=item),
        title=_("Edit the agenda item"),
        submit=_("Save the agenda item"),
        **_at_meeting(item.meeting),
    )


@_meeting_page()
def resolution_add(request: HttpRequest, meeting: Meeting) -> HttpResponse:
    return _committee_form(
        request,
        ResolutionForm(request.POST or None, meeting=meeting),
        lambda data: services.record_resolution(actor=request.user, meeting=meeting, **data),
        title=_("Record a resolution"),
        done=_("The resolution and its vote were recorded."),
        quorum=services.quorum_of(meeting),
        **_at_meeting(meeting),
    )


@_managed(selectors.get_resolution_for, attrgetter("meeting.court_id"))
def action_add(request: HttpRequest, resolution: Resolution) -> HttpResponse:
    return _committee_form(
        request,
        FollowUpActionForm(request.POST or None, court_id=resolution.meeting.court_id),
        lambda data: services.add_follow_up_action(actor=request.user, resolution=resolution, **data),
        title=_("Add a follow-up action"),
        done=_("The follow-up action was added."),
        **_at_meeting(resolution.meeting),
    )


@row_page(selectors.get_action_for, permissions.can_complete_action, methods=["POST"])
def action_complete(request: HttpRequest, action: FollowUpAction) -> HttpResponse:
    one_click(
        request,
        lambda: services.complete_follow_up_action(
            actor=request.user, action=action, expected_version=posted_version(request)
        ),
        _("The action was marked done."),
    )
    return redirect(safe_next(request, "home"))
