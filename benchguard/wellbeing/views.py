"""Pages of the wellbeing area (A22–A24): thin; changes go through services, reads
through selectors."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from benchguard.core.exports import xlsx_response
from benchguard.core.views import (
    form_page_action,
    list_page_action,
    one_click,
    paginated,
    posted_version,
    row_page,
)
from benchguard.organization.models import Person
from benchguard.wellbeing import forms, permissions, selectors, services
from benchguard.wellbeing.choices import PayIssueStatus
from benchguard.wellbeing.models import (
    Activity,
    CounsellingSession,
    HealthExam,
    Holding,
    LeaveRecord,
    PayIssue,
)

PAGE_SIZE = 50


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    this = timezone.localdate().year
    return int(value) if value.isdigit() and this - 10 <= int(value) <= this + 1 else this


@login_required
@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    """My leave this year, my exams, my pay problems and my counselling sessions."""
    person = permissions.own_person(request.user)
    context: dict[str, Any] = {"person": person}
    if person is not None:
        year = timezone.localdate().year
        context.update(
            leave=services.leave_year_of(person, year),
            exams=selectors.exams_for(request.user).filter(person=person)[:10],
            pay_issues=selectors.pay_issues_for(request.user).filter(person=person)[:10],
            sessions=selectors.sessions_for(request.user).filter(person=person)[:10],
        )
    return render(request, "wellbeing/mine.html", context)


# --- Leave (A22) ----------------------------------------------------------------------


def _leave_filters(request: HttpRequest) -> tuple[forms.LeaveFilterForm, int, str, bool]:
    form = forms.LeaveFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return (
        form,
        data.get("year") or timezone.localdate().year,
        data.get("category") or "",
        bool(data.get("pending")),
    )


@login_required
@require_GET
def leave_list(request: HttpRequest) -> HttpResponse:
    """The people of the court with their annual leave for the year: due, taken, left."""
    if not permissions.can_read_leave(request.user):
        raise PermissionDenied
    form, year, category, pending = _leave_filters(request)
    rows = selectors.leave_years_for(request.user, year=year, category=category, pending=pending)
    return render(
        request,
        "wellbeing/leave_list.html",
        {
            "form": form,
            "year": year,
            **paginated(request, rows, PAGE_SIZE),
            "export_query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def leave_export(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_leave(request.user):
        raise PermissionDenied
    _form, year, category, pending = _leave_filters(request)
    rows = selectors.leave_years_for(request.user, year=year, category=category, pending=pending)
    return xlsx_response(
        services.export_leave(actor=request.user, rows=rows, year=year), f"leave-{year}.xlsx"
    )


@row_page(selectors.get_person_for_leave, methods=["GET"])
def leave_person(request: HttpRequest, person: Person) -> HttpResponse:
    year = _year(request)
    return render(
        request,
        "wellbeing/leave_person.html",
        {
            "person": person,
            "year": year,
            "leave": services.leave_year_of(person, year),
            "records": selectors.leave_records_of(request.user, person, year),
            "keeps": permissions.can_keep_leave(request.user, person.court_id),
        },
    )


def _may_keep_leave(user: Any, person: Person) -> bool:
    return permissions.can_keep_leave(user, person.court_id)


@row_page(selectors.get_person_for_leave, _may_keep_leave)
def leave_service(request: HttpRequest, person: Person) -> HttpResponse:
    profile = getattr(person, "leave_profile", None)
    initial = {"service_start": profile.service_start, "note": profile.note} if profile else {}
    back = reverse("wellbeing:leave_person", args=[person.pk])
    return form_page_action(
        request,
        forms.ServiceStartForm(request.POST or None, initial=initial),
        lambda data: services.set_service_start(actor=request.user, person=person, **data),
        done=_("The service start was saved."),
        title=_("Cumulative service of %(name)s") % {"name": person.name},
        back=back,
        submit=_("Save the service start"),
    )


@row_page(selectors.get_person_for_leave, _may_keep_leave)
def leave_record(request: HttpRequest, person: Person) -> HttpResponse:
    back = reverse("wellbeing:leave_person", args=[person.pk])
    return form_page_action(
        request,
        forms.LeaveForm(request.POST or None),
        lambda data: services.record_leave(actor=request.user, person=person, **data),
        done=_("The leave was recorded."),
        title=_("Record leave of %(name)s") % {"name": person.name},
        back=back,
        submit=_("Record the leave"),
    )


@login_required
@require_POST
def leave_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    record: LeaveRecord = selectors.get_leave_record_for(request.user, pk)
    if not permissions.can_keep_leave(request.user, record.court_id):
        raise PermissionDenied
    one_click(
        request,
        lambda: services.cancel_leave(
            actor=request.user, record=record, expected_version=posted_version(request)
        ),
        _("The leave was cancelled."),
    )
    return redirect("wellbeing:leave_person", record.person_id)


# --- Pay problems (A22) ------------------------------------------------------------------


@login_required
@require_GET
def pay_list(request: HttpRequest) -> HttpResponse:
    if not (permissions.can_read_pay(request.user) or permissions.can_report_pay(request.user)):
        raise PermissionDenied
    status = request.GET.get("status", "")
    status = status if status in PayIssueStatus.values else ""
    rows = selectors.pay_issues_for(request.user, status=status)
    return render(
        request,
        "wellbeing/pay_list.html",
        {"status": status, "statuses": PayIssueStatus.choices, **paginated(request, rows, PAGE_SIZE)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def pay_report(request: HttpRequest) -> HttpResponse:
    if not permissions.can_report_pay(request.user):
        raise PermissionDenied
    own = permissions.own_person(request.user)
    form = forms.PayIssueForm(
        request.POST or None, people=selectors.pay_people_for(request.user), initial={"person": own}
    )
    return form_page_action(
        request,
        form,
        lambda data: services.report_pay_issue(actor=request.user, **data),
        done=_("The pay problem was reported."),
        title=_("Report a pay problem"),
        back=reverse("wellbeing:pay_list"),
        then=lambda issue: reverse("wellbeing:pay_detail", args=[issue.pk]),
        submit=_("Report the pay problem"),
    )


@row_page(selectors.get_pay_issue_for, methods=["GET"])
def pay_detail(request: HttpRequest, issue: PayIssue) -> HttpResponse:
    return render(
        request,
        "wellbeing/pay_detail.html",
        {"issue": issue, "can_resolve": permissions.can_resolve_pay(request.user, issue)},
    )


@row_page(selectors.get_pay_issue_for, permissions.can_resolve_pay)
def pay_resolve(request: HttpRequest, issue: PayIssue) -> HttpResponse:
    back = reverse("wellbeing:pay_detail", args=[issue.pk])
    return form_page_action(
        request,
        forms.ResolvePayForm(request.POST or None, initial={"resolved_on": timezone.localdate()}),
        lambda data: services.resolve_pay_issue(actor=request.user, issue=issue, **data),
        done=_("The pay problem was resolved."),
        title=_("Resolve the pay problem"),
        back=back,
        submit=_("Resolve the pay problem"),
    )


# --- Health (A23) ----------------------------------------------------------------------


@login_required
@require_GET
def health(request: HttpRequest) -> HttpResponse:
    """The personnel office's exams of the current cycle and recuperations; a person
    sees their own."""
    keeps = permissions.can_keep_health(request.user)
    if not keeps and permissions.own_person(request.user) is None:
        raise PermissionDenied
    return render(
        request,
        "wellbeing/health.html",
        {
            "keeps": keeps,
            **paginated(request, selectors.exams_for(request.user), PAGE_SIZE),
            "recuperations": selectors.recuperations_for(request.user)[:20],
            "missing": selectors.exams_missing_for(request.user) if keeps else 0,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def exam_schedule(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_health(request.user):
        raise PermissionDenied
    return form_page_action(
        request,
        forms.ExamForm(request.POST or None, people=selectors.health_people_for(request.user)),
        lambda data: services.schedule_exam(actor=request.user, **data),
        done=_("The exam was scheduled."),
        title=_("Schedule a physical exam"),
        back=reverse("wellbeing:health"),
        submit=_("Schedule the exam"),
    )


def _may_keep_exam(user: Any, exam: HealthExam) -> bool:
    return permissions.can_keep_health(user, exam.court_id)


@row_page(selectors.get_exam_for, _may_keep_exam)
def exam_complete(request: HttpRequest, exam: HealthExam) -> HttpResponse:
    return form_page_action(
        request,
        forms.CompleteExamForm(request.POST or None, initial={"completed_on": timezone.localdate()}),
        lambda data: services.complete_exam(actor=request.user, exam=exam, **data),
        done=_("The exam was recorded as done."),
        title=_("Exam of %(name)s done") % {"name": exam.person.name},
        back=reverse("wellbeing:health"),
        submit=_("Record the exam as done"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recuperation_add(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_health(request.user):
        raise PermissionDenied
    return form_page_action(
        request,
        forms.RecuperationForm(request.POST or None, people=selectors.health_people_for(request.user)),
        lambda data: services.record_recuperation(actor=request.user, **data),
        done=_("The recuperation was recorded."),
        title=_("Record recuperation for a special post"),
        back=reverse("wellbeing:health"),
        submit=_("Record the recuperation"),
    )


# --- Counselling (A23): its counsellor and its person only -----------------------------


@login_required
@require_GET
def counselling(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_counselling(request.user):
        raise PermissionDenied
    year = timezone.localdate().year
    counsellor = permissions.is_counsellor(request.user)
    return render(
        request,
        "wellbeing/counselling.html",
        {
            **paginated(request, selectors.sessions_for(request.user), PAGE_SIZE),
            "counsellor": counsellor,
            "counts": selectors.session_counts_for(request.user, year) if counsellor else [],
            "year": year,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_book(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_counselling(request.user):
        raise PermissionDenied
    user = request.user
    form = forms.BookSessionForm(
        request.POST or None,
        people=selectors.booking_people_for(user),
        counsellors=selectors.booking_counsellors_for(user),
        rooms=selectors.booking_rooms_for(user),
        initial={"person": permissions.own_person(user)},
    )
    return form_page_action(
        request,
        form,
        lambda data: services.book_session(actor=user, **data),
        # Booked by the counsellor or by the person: each is told who else sees it.
        done=(
            _("The session was booked. Only you and the person can see it.")
            if permissions.is_counsellor(user)
            else _("The session was booked. Only you and the counsellor can see it.")
        ),
        title=_("Book a counselling session"),
        back=reverse("wellbeing:counselling"),
        then=lambda s: reverse("wellbeing:session_detail", args=[s.pk]),
        submit=_("Book the session"),
    )


@row_page(selectors.get_session_for, methods=["GET"])
def session_detail(request: HttpRequest, session: CounsellingSession) -> HttpResponse:
    session = services.open_session(actor=request.user, session=session)
    return render(
        request,
        "wellbeing/session_detail.html",
        {"session": session, "writes": permissions.can_write_notes(request.user, session)},
    )


@row_page(selectors.get_session_for, permissions.can_write_notes)
def session_record(request: HttpRequest, session: CounsellingSession) -> HttpResponse:
    back = reverse("wellbeing:session_detail", args=[session.pk])
    if request.method == "GET":
        services.open_session(actor=request.user, session=session)
    return form_page_action(
        request,
        forms.SessionNotesForm(request.POST or None, initial={"notes": session.notes}),
        lambda data: services.record_session(actor=request.user, session=session, **data),
        done=_("The session was recorded as held."),
        title=_("Record the session"),
        back=back,
        submit=_("Record the session as held"),
    )


@login_required
@require_POST
def session_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for(request.user, pk)
    one_click(
        request,
        lambda: services.cancel_session(
            actor=request.user, session=session, expected_version=posted_version(request)
        ),
        _("The session was cancelled."),
    )
    return redirect("wellbeing:counselling")


# --- Culture and lectures (A23, A24) -----------------------------------------------------


@login_required
@require_GET
def activity_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_culture(request.user):
        raise PermissionDenied
    form = forms.ActivityFilterForm(request.GET or None)
    kind = form.cleaned_data.get("kind", "") if form.is_valid() else ""
    return render(
        request,
        "wellbeing/activity_list.html",
        {
            "form": form,
            "keeps": permissions.can_keep_culture(request.user),
            **paginated(request, selectors.activities_for(request.user, kind=kind), PAGE_SIZE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def activity_add(request: HttpRequest) -> HttpResponse:
    if not permissions.can_keep_culture(request.user):
        raise PermissionDenied
    courts = selectors.keeper_courts(permissions.culture_keeper_court_ids(request.user))
    return form_page_action(
        request,
        forms.ActivityForm(request.POST or None, courts=courts),
        lambda data: services.add_activity(actor=request.user, **data),
        done=_("The activity was announced."),
        title=_("Announce an activity"),
        back=reverse("wellbeing:activity_list"),
        then=lambda a: reverse("wellbeing:activity_detail", args=[a.pk]),
        submit=_("Announce the activity"),
    )


def _activity_page(request: HttpRequest, activity: Activity, form: Any = None) -> HttpResponse:
    keeps = permissions.can_keep_culture(request.user, activity.court_id)
    if keeps and form is None:
        form = forms.AttendanceForm(people=selectors.court_people(activity.court_id))
    return render(
        request,
        "wellbeing/activity_detail.html",
        {
            "activity": activity,
            "attendances": selectors.attendance_of(activity),
            "keeps": keeps,
            "form": form,
        },
    )


@row_page(selectors.get_activity_for, methods=["GET"])
def activity_detail(request: HttpRequest, activity: Activity) -> HttpResponse:
    return _activity_page(request, activity)


def _may_keep_activity(user: Any, activity: Activity) -> bool:
    return permissions.can_keep_culture(user, activity.court_id)


@row_page(selectors.get_activity_for, _may_keep_activity, methods=["POST"])
def activity_attendance(request: HttpRequest, activity: Activity) -> HttpResponse:
    from benchguard.core.views import form_action

    form = forms.AttendanceForm(request.POST, people=selectors.court_people(activity.court_id))
    return form_action(
        request,
        form,
        lambda data: services.record_attendance(actor=request.user, activity=activity, **data),
        done=_("The attendance was recorded."),
        then=reverse("wellbeing:activity_detail", args=[activity.pk]),
        page=lambda form, current=None: _activity_page(request, activity, form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def holding_list(request: HttpRequest) -> HttpResponse:
    """The reading room's holdings; its keepers add to them from the form on top."""
    if not permissions.can_read_culture(request.user):
        raise PermissionDenied
    keeps = permissions.can_keep_culture(request.user)
    if request.method == "POST" and not keeps:
        raise PermissionDenied
    q = request.GET.get("q", "").strip()[:100]
    form = (
        forms.HoldingForm(
            request.POST or None,
            courts=selectors.keeper_courts(permissions.culture_keeper_court_ids(request.user)),
        )
        if keeps
        else None
    )
    rows = selectors.holdings_for(request.user, q=q)
    if form is None:
        return render(request, "wellbeing/holding_list.html", {**paginated(request, rows, PAGE_SIZE), "q": q})
    return list_page_action(
        request,
        form,
        lambda data: services.add_holding(actor=request.user, **data),
        done=_("The holding was added to the reading room."),
        then=reverse("wellbeing:holding_list"),
        rows=rows,
        template="wellbeing/holding_list.html",
        q=q,
    )


@login_required
@require_POST
def holding_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    holding: Holding = selectors.get_holding_for(request.user, pk)
    if not permissions.can_keep_culture(request.user, holding.court_id):
        raise PermissionDenied
    one_click(
        request,
        lambda: services.withdraw_holding(
            actor=request.user, holding=holding, expected_version=posted_version(request)
        ),
        _("The holding was withdrawn."),
    )
    return redirect("wellbeing:holding_list")


# --- Report by category (A2, A28) -------------------------------------------------------


@login_required
@require_GET
def report(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_report(request.user):
        raise PermissionDenied
    year = _year(request)
    rows = selectors.report_for(request.user, year)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(
            services.export_report(actor=request.user, rows=rows, year=year), f"wellbeing-{year}.xlsx"
        )
    return render(request, "wellbeing/report.html", {"year": year, "rows": rows})
