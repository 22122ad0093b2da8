"""Thin views of training and drills (A11): each reads through a selector (404 outside
the user's courts), checks a predicate (403) and posts to a service through the kit."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.core.access import court_ids_with
from benchguard.core.views import form_action, list_page_action, paginated
from benchguard.incidents.models import EmergencyPlan
from benchguard.organization.models import Court
from benchguard.organization.selectors import people_in_court
from benchguard.training import forms, permissions, selectors, services
from benchguard.training.models import Course, Drill

PAGE_SIZE = 50


def _readable(request: HttpRequest) -> None:
    if not permissions.can_read(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def course_list(request: HttpRequest) -> HttpResponse:
    _readable(request)
    courts = Court.objects.filter(pk__in=court_ids_with(request.user, permissions.COURSE_KEEPERS))
    return list_page_action(
        request,
        forms.CourseForm(request.POST or None, courts=courts),
        lambda data: services.create_course(actor=request.user, **data),
        done=_("The course was added."),
        then=lambda course: reverse("training:course_detail", args=[course.pk]),
        rows=selectors.courses_for(request.user),
        template="training/course_list.html",
        can_add=courts.exists(),
    )


def _course_page(request: HttpRequest, course: Course, form: Any = None) -> HttpResponse:
    context = {
        "course": course,
        "sessions": selectors.sessions_of(course),
        "can_keep": permissions.can_keep_courses(request.user, course.court_id),
        "form": form or forms.SessionForm(),
    }
    return render(request, "training/course_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.get_course_for(request.user, pk)
    if request.method == "GET":
        return _course_page(request, course)
    return form_action(
        request,
        forms.SessionForm(request.POST),
        lambda data: services.add_session(actor=request.user, course=course, **data),
        done=_("The session was added."),
        then=lambda session: reverse("training:session_detail", args=[session.pk]),
        page=lambda form, current: _course_page(request, course, form),
    )


def _session_page(request: HttpRequest, session: Any, form: Any = None) -> HttpResponse:
    attended = selectors.attendance_of(session)
    candidates = people_in_court(session.course.court_id).exclude(pk__in=attended.values("person_id"))
    context = {
        "session": session,
        "attended": attended,
        "can_keep": permissions.can_keep_courses(request.user, session.course.court_id),
        "form": form or forms.AttendanceForm(candidates=candidates),
    }
    return render(request, "training/session_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for(request.user, pk)
    if request.method == "GET":
        return _session_page(request, session)
    candidates = people_in_court(session.course.court_id)
    return form_action(
        request,
        forms.AttendanceForm(request.POST, candidates=candidates),
        lambda data: services.record_attendance(actor=request.user, session=session, **data),
        done=_("The attendance was recorded."),
        then=reverse("training:session_detail", args=[session.pk]),
        page=lambda form, current: _session_page(request, session, form),
    )


@login_required
def untrained(request: HttpRequest) -> HttpResponse:
    """Each court's people not trained within its period (A11), those at risk first."""
    _readable(request)
    courts = list(selectors.reader_courts(request.user))
    chosen = next((c for c in courts if str(c.pk) == request.GET.get("court")), courts[0] if courts else None)
    if chosen is None:
        raise PermissionDenied
    rows = selectors.untrained_in(chosen.pk)
    context = {
        "courts": courts,
        "court": chosen,
        "counts_from": selectors.counts_from(chosen.pk),
        "period": selectors.settings_for(chosen.pk).period_months,
        **paginated(request, rows, PAGE_SIZE),
    }
    return render(request, "training/untrained.html", context)


def _drill_choices(user: Any) -> dict[str, Any]:
    court_ids = court_ids_with(user, permissions.DRILL_KEEPERS)
    return {
        "courts": Court.objects.filter(pk__in=court_ids),
        "plans": EmergencyPlan.objects.filter(court_id__in=court_ids, in_force=True),
        "candidates": people_in_court(court_ids),
    }


@login_required
@require_http_methods(["GET", "POST"])
def drill_list(request: HttpRequest) -> HttpResponse:
    _readable(request)
    return list_page_action(
        request,
        forms.DrillForm(request.POST or None, **_drill_choices(request.user)),
        lambda data: services.record_drill(actor=request.user, **data),
        done=_("The drill was recorded."),
        then=lambda drill: reverse("training:drill_detail", args=[drill.pk]),
        rows=selectors.drills_for(request.user),
        template="training/drill_list.html",
        can_add=permissions.can_keep_drills(request.user),
    )


def _drill_page(request: HttpRequest, drill: Drill, **bound: Any) -> HttpResponse:
    context = {
        "drill": drill,
        "participants": drill.participants.select_related("department").order_by("name_pinyin"),
        "follow_ups": selectors.follow_ups_of(drill),
        "can_keep": permissions.can_keep_drills(request.user, drill.court_id),
        "form": forms.FollowUpForm(owners=people_in_court(drill.court_id)),
        "close_form": forms.CloseFollowUpForm(),
        **bound,
    }
    return render(request, "training/drill_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def drill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    drill = selectors.get_drill_for(request.user, pk)
    if request.method == "GET":
        return _drill_page(request, drill)
    return form_action(
        request,
        forms.FollowUpForm(request.POST, owners=people_in_court(drill.court_id)),
        lambda data: services.add_follow_up(actor=request.user, drill=drill, **data),
        done=_("The follow-up was added."),
        then=reverse("training:drill_detail", args=[drill.pk]),
        page=lambda form, current: _drill_page(request, drill, form=form),
    )


@login_required
@require_POST
def close_follow_up(request: HttpRequest, pk: int, follow_up: int) -> HttpResponse:
    drill = selectors.get_drill_for(request.user, pk)
    item = get_object_or_404(selectors.follow_ups_of(drill), pk=follow_up)
    return form_action(
        request,
        forms.CloseFollowUpForm(request.POST),
        lambda data: services.close_follow_up(
            actor=request.user, follow_up=item, note=data["note"], expected_version=data["version"]
        ),
        done=_("The follow-up was closed."),
        then=reverse("training:drill_detail", args=[drill.pk]),
        page=lambda form, current: _drill_page(request, drill, close_form=form, closing=item.pk),
    )
