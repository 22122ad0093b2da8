"""Pages of the matters area: thin; every change goes through matters.services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.committee.models import AgendaItem
from benchguard.core import deadlines
from benchguard.core.exports import xlsx_response
from benchguard.core.forms import call_service
from benchguard.core.uploads import file_response
from benchguard.core.views import safe_next
from benchguard.matters import forms as matter_forms
from benchguard.matters import permissions, selectors, services
from benchguard.matters.choices import MatterStatus, TimeRequestStatus
from benchguard.matters.models import Matter, TimeRequest
from benchguard.organization.choices import Role
from benchguard.organization.models import Court
from benchguard.organization.selectors import accounts_with_roles, people_in_court

INBOX_PAGE = 50  # the most urgent first; the rest on further pages


@login_required
def matter_list(request: HttpRequest) -> HttpResponse:
    """The office's inbox by due date, the chair's approvals, the judge's own matters."""
    user = request.user
    is_office = bool(selectors.office_courts(user))
    page = Paginator(selectors.inbox(user) if is_office else Matter.objects.none(), INBOX_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "matters/matter_list.html",
        {
            "inbox": selectors.with_days_left(list(page.object_list)),
            "page": page,
            "load": selectors.handler_load(user) if is_office else [],
            "awaiting": list(selectors.awaiting_chair(user)),
            "mine": selectors.with_days_left(list(selectors.my_matters(user))),
            "can_apply": permissions.can_apply(user),
            "is_office": is_office,
            "can_read_register": is_office,
        },
    )


REGISTER_PAGE = 50
EXPORT_LIMIT = 50_000


@login_required
def register_of_matters(request: HttpRequest) -> HttpResponse:
    """Every matter of the user's court, any status: searched, filtered, paginated and
    exported to Excel (issue 9, point 5). The office, the chair and vice-chairs only."""
    courts = selectors.office_courts(request.user)
    if not courts:
        raise PermissionDenied
    form = matter_forms.RegisterSearchForm(
        request.GET or None, handlers=accounts_with_roles(min(courts), Role.COMMITTEE_OFFICE)
    )
    matters = selectors.register_of_matters(request.user)
    filters: list[str] = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        matters = selectors.search_register(
            matters,
            q=data["q"],
            status=data["status"],
            year=data["year"],
            handler=data["handler"],
            only_overdue=data["overdue"],
        )
        filters = [name for name, value in data.items() if value not in ("", None, False)]
    if request.GET.get("export") == "xlsx":
        content = services.export_register(
            actor=request.user, matters=matters[:EXPORT_LIMIT], filters=filters
        )
        return xlsx_response(content, "matters.xlsx")
    page = Paginator(matters, REGISTER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "matters/register_of_matters.html",
        {
            "form": form,
            "page": page,
            "matters": [
                (m, selectors.overdue_since(m)) for m in selectors.with_days_left(list(page.object_list))
            ],
            "query": query.urlencode(),
        },
    )


def _office_court(user: Any) -> Court:
    court = Court.objects.filter(pk__in=selectors.office_courts(user)).order_by("sort_order").first()
    if court is None or not (
        permissions.is_office(user, court.pk) or permissions.is_chair_or_vice(user, court.pk)
    ):
        raise PermissionDenied
    return court


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    """A judge's online application (A26.1)."""
    if not permissions.can_apply(request.user):
        raise PermissionDenied
    resubmit = None
    if request.GET.get("resubmit"):
        resubmit = get_object_or_404(selectors.my_matters(request.user), pk=request.GET["resubmit"])
    initial = (
        {
            f: getattr(resubmit, f)
            for f in (
                "subject",
                "facts",
                "infringer",
                "request",
                "reported_to_department_on",
                "department_response",
            )
        }
        if resubmit
        else None
    )
    form = matter_forms.ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        matter, _stale = call_service(
            form,
            lambda: services.submit_application(
                actor=request.user, resubmission_of=resubmit, **form.cleaned_data
            ),
        )
        if matter is not None:
            messages.success(
                request, _("Your application %(number)s was submitted.") % {"number": matter.number}
            )
            return redirect("matters:detail", pk=matter.pk)
    return render(request, "matters/apply.html", {"form": form, "resubmit": resubmit})


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """The office registers an application received by phone, e-mail or in writing."""
    court = _office_court(request.user)
    if not permissions.is_office(request.user, court.pk):
        raise PermissionDenied
    people = people_in_court(court)
    form = matter_forms.RegisterForm(request.POST or None, request.FILES or None, people=people)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        original = data.pop("original")

        def run() -> Matter:
            matter = services.register_application(actor=request.user, **data)
            if original is not None:
                services.add_attachment(actor=request.user, matter=matter, upload=original)
            return matter

        matter, _stale = call_service(form, run)
        if matter is not None:
            messages.success(request, _("Registered as %(number)s.") % {"number": matter.number})
            return redirect("matters:detail", pk=matter.pk)
    return render(request, "matters/register.html", {"form": form, "court": court})


@login_required
@require_http_methods(["GET", "POST"])
def open_ex_officio(request: HttpRequest) -> HttpResponse:
    """The committee takes up a matter itself (A17)."""
    court = _office_court(request.user)
    people = people_in_court(court)
    form = matter_forms.ExOfficioForm(request.POST or None, people=people)
    if request.method == "POST" and form.is_valid():
        matter, _stale = call_service(
            form, lambda: services.open_ex_officio(actor=request.user, court=court, **form.cleaned_data)
        )
        if matter is not None:
            messages.success(request, _("Opened as %(number)s.") % {"number": matter.number})
            return redirect("matters:detail", pk=matter.pk)
    return render(request, "matters/open.html", {"form": form, "court": court})


def _resolutions(matter: Matter) -> Any:
    """Resolutions of the court's held meetings, those about this matter first."""
    from django.db.models import Case, IntegerField, Value, When

    from benchguard.committee.models import Resolution

    return (
        Resolution.objects.filter(meeting__court_id=matter.court_id, meeting__status="held")
        .select_related("meeting")
        .annotate(
            about=Case(
                When(agenda_item__matter=matter, then=Value(0)), default=Value(1), output_field=IntegerField()
            )
        )
        .order_by("about", "-meeting__scheduled_at", "pk")
    )


def _court_people(matter: Matter) -> Any:
    return people_in_court(matter.court_id)


def _handlers(matter: Matter) -> Any:
    return accounts_with_roles(matter.court_id, Role.COMMITTEE_OFFICE)


def _action_forms(user: Any, matter: Matter) -> dict[str, forms.Form]:
    """The forms of the transitions this user may make now; the services still decide."""
    version = {"version": matter.version}
    handle = permissions.can_handle(user, matter)
    office = permissions.is_office(user, matter.court_id)
    status = matter.status
    found: dict[str, forms.Form] = {}
    if office and status == MatterStatus.SUBMITTED:
        found["accept"] = matter_forms.AcceptForm(initial=version, handlers=_handlers(matter))
        found["decline"] = matter_forms.DeclineForm(initial=version)
    steps = permissions.allowed_steps(user, matter)
    if status in (MatterStatus.ACCEPTED, MatterStatus.SUSPENDED) and steps:
        found["step"] = matter_forms.StepForm(steps=steps)
    if status == MatterStatus.SUSPENDED and permissions.can_resume(user, matter):
        found["resume"] = forms.Form()
    if handle and status == MatterStatus.ACCEPTED:
        found["time"] = matter_forms.TimeRequestForm()
    bases = permissions.decision_bases(user, matter)
    if bases and status == MatterStatus.ACCEPTED:
        found["decide"] = matter_forms.DecideForm(
            initial=version, resolutions=_resolutions(matter), bases=bases
        )
    if handle and status == MatterStatus.DECIDED:
        found["feedback"] = matter_forms.FeedbackForm(initial=version)
    if status == MatterStatus.FEEDBACK_GIVEN and (permissions.is_applicant(user, matter) or handle):
        found["response"] = matter_forms.ResponseForm(initial=version)
    if office and status == MatterStatus.APPEALED and not matter.appeal_outcome:
        found["appeal_outcome"] = matter_forms.AppealOutcomeForm(initial=version)
    if handle and status in (MatterStatus.ACCEPTED, MatterStatus.SUSPENDED):
        found["task"] = matter_forms.TaskForm(people=_court_people(matter))
    if handle or permissions.is_applicant(user, matter):
        found["attach"] = matter_forms.AttachmentForm()
    return found


def _detail(
    request: HttpRequest,
    matter: Matter,
    *,
    bound: tuple[str, forms.Form] | None = None,
    current: Any = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    staff = permissions.can_handle(user, matter) or permissions.is_chair_or_vice(user, matter.court_id)
    action_forms = _action_forms(user, matter)
    if bound is not None:
        action_forms[bound[0]] = bound[1]
    pending = (
        matter.time_requests.filter(status=TimeRequestStatus.PENDING).select_related("requested_by").first()
    )
    context = {
        "matter": matter,
        "days_left": selectors.with_days_left([matter])[0].days_left,  # type: ignore[attr-defined]
        "overdue_since": selectors.overdue_since(matter),
        "acceptance_target": selectors.acceptance_target(matter) if staff else None,
        "today": timezone.localdate(),
        "provisional": bool(matter.due_date and deadlines.is_provisional(matter.due_date.year)),
        "events": selectors.timeline(matter, full=staff),
        "attachments": matter.attachments.select_related("uploaded_by")
        if staff or permissions.is_applicant(user, matter)
        else [],
        "time_requests": matter.time_requests.select_related("requested_by", "decided_by") if staff else [],
        "tasks": matter.tasks.select_related("owner") if staff else [],
        "task_done_form": matter_forms.TaskDoneForm(),
        "agenda_items": AgendaItem.objects.filter(matter=matter).select_related("meeting") if staff else [],
        "pending": pending if staff else None,
        "can_approve": permissions.can_approve_time(user, matter),
        "can_handle": permissions.can_handle(user, matter),
        "time_decision_form": matter_forms.TimeDecisionForm(),
        "forms": action_forms,
        "staff": staff,
        "current": current,
    }
    return render(request, "matters/matter_detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.get_matter_for(request.user, pk))


def _transition(
    request: HttpRequest,
    pk: int,
    name: str,
    make_form: Callable[[Matter], forms.Form],
    run: Callable[[Matter, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Validate the posted form, run the service; on refusal show the matter again with
    the message next to the field and the user's input kept."""
    matter = selectors.get_matter_for(request.user, pk)
    form = make_form(matter)
    current = None
    if form.is_valid():
        try:
            result, current = call_service(form, lambda: run(matter, form.cleaned_data))
        except PermissionDenied:
            # Issue 9 (4): the page no longer offers what the service refuses, but a
            # stale page or a changed role can still send it; keep what was typed.
            form.add_error(None, _("You may not do this on this matter; nothing was saved."))
            return _detail(request, matter, bound=(name, form), status=403)
        if result is not None:
            messages.success(request, done)
            return redirect("matters:detail", pk=matter.pk)
        if current is not None:
            matter = selectors.get_matter_for(request.user, pk)
    return _detail(request, matter, bound=(name, form), current=current)


def _post(request: HttpRequest, form_class: type[forms.Form], **kwargs: Any) -> forms.Form:
    return form_class(request.POST, request.FILES, **kwargs)


@login_required
@require_POST
def accept(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "accept",
        lambda m: _post(request, matter_forms.AcceptForm, handlers=_handlers(m)),
        lambda m, d: services.accept_matter(
            actor=request.user, matter=m, expected_version=d["version"], handler=d["handler"]
        ),
        _("The matter was accepted; the time limit runs."),
    )


@login_required
@require_POST
def decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "decline",
        lambda m: _post(request, matter_forms.DeclineForm),
        lambda m, d: services.decline_matter(
            actor=request.user, matter=m, expected_version=d["version"], reason=d["reason"]
        ),
        _("The application was not accepted; the applicant has been told why."),
    )


@login_required
@require_POST
def step(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "step",
        lambda m: _post(request, matter_forms.StepForm, steps=permissions.allowed_steps(request.user, m)),
        lambda m, d: services.record_step(actor=request.user, matter=m, step=d["step"], text=d["text"]),
        _("The step was recorded."),
    )


@login_required
@require_POST
def request_time(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "time",
        lambda m: _post(request, matter_forms.TimeRequestForm),
        lambda m, d: services.request_time(
            actor=request.user, matter=m, kind=d["kind"], reason=d["reason"], days=d["days"]
        ),
        _("The request was sent to the chair."),
    )


@login_required
@require_POST
def decide_time(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    matter = selectors.get_matter_for(request.user, pk)
    time_request = get_object_or_404(TimeRequest, pk=request_pk, matter=matter)
    return _transition(
        request,
        pk,
        "time_decision",
        lambda m: _post(request, matter_forms.TimeDecisionForm),
        lambda m, d: services.decide_time_request(
            actor=request.user, time_request=time_request, approve=d["approve"], note=d["note"]
        ),
        _("Your decision was recorded."),
    )


@login_required
@require_POST
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "resume",
        lambda m: _post(request, forms.Form),
        lambda m, d: services.resume_matter(actor=request.user, matter=m),
        _("Handling resumed; the due date was moved by the days of suspension."),
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "decide",
        lambda m: _post(
            request,
            matter_forms.DecideForm,
            resolutions=_resolutions(m),
            bases=permissions.decision_bases(request.user, m),
        ),
        lambda m, d: services.decide_matter(
            actor=request.user,
            matter=m,
            expected_version=d["version"],
            basis=d["basis"],
            findings=d["findings"],
            handling_opinion=d["handling_opinion"],
            resolution=d.get("resolution"),
        ),
        _("The decision was recorded."),
    )


@login_required
@require_POST
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "feedback",
        lambda m: _post(request, matter_forms.FeedbackForm),
        lambda m, d: services.record_feedback(
            actor=request.user, matter=m, expected_version=d["version"], channel=d["channel"]
        ),
        _("The feedback was recorded."),
    )


@login_required
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "response",
        lambda m: _post(request, matter_forms.ResponseForm),
        lambda m, d: services.record_response(
            actor=request.user,
            matter=m,
            expected_version=d["version"],
            response=d["response"],
            appeal_sent_on=d["appeal_sent_on"],
        ),
        _("The answer was recorded."),
    )


@login_required
@require_POST
def appeal_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "appeal_outcome",
        lambda m: _post(request, matter_forms.AppealOutcomeForm),
        lambda m, d: services.record_appeal_outcome(
            actor=request.user,
            matter=m,
            expected_version=d["version"],
            outcome=d["outcome"],
            decided_on=d["decided_on"],
        ),
        _("The outcome of the appeal was recorded."),
    )


@login_required
@require_POST
def attach(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "attach",
        lambda m: _post(request, matter_forms.AttachmentForm),
        lambda m, d: services.add_attachment(actor=request.user, matter=m, upload=d["file"]),
        _("The file was attached."),
    )


@login_required
def attachment(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    matter = selectors.get_matter_for(request.user, pk)
    if not (
        permissions.can_handle(request.user, matter)
        or permissions.is_chair_or_vice(request.user, matter.court_id)
        or permissions.is_applicant(request.user, matter)
    ):
        raise PermissionDenied
    found = get_object_or_404(matter.attachments, pk=attachment_pk)
    return file_response(found.file, filename=found.name, content_type=found.content_type)


NOTICES = {
    "acceptance": (
        {
            MatterStatus.ACCEPTED,
            MatterStatus.SUSPENDED,
            MatterStatus.DECIDED,
            MatterStatus.FEEDBACK_GIVEN,
            MatterStatus.CLOSED,
            MatterStatus.APPEALED,
        },
        "matters/notice_acceptance.html",
    ),
    "decline": ({MatterStatus.DECLINED}, "matters/notice_decline.html"),
    "feedback": (
        {MatterStatus.FEEDBACK_GIVEN, MatterStatus.CLOSED, MatterStatus.APPEALED},
        "matters/notice_feedback.html",
    ),
}


@login_required
def notice(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Printable notices (browser print, A4): acceptance, decline, feedback letter."""
    matter = selectors.get_matter_for(request.user, pk)
    if kind not in NOTICES:
        raise Http404
    statuses, template = NOTICES[kind]
    if matter.status not in statuses:
        messages.error(request, _("This notice does not exist yet for the matter's current status."))
        return redirect("matters:detail", pk=matter.pk)
    return render(request, template, {"matter": matter})


@login_required
@require_POST
def add_task(request: HttpRequest, pk: int) -> HttpResponse:
    return _transition(
        request,
        pk,
        "task",
        lambda m: _post(request, matter_forms.TaskForm, people=_court_people(m)),
        lambda m, d: services.add_task(actor=request.user, matter=m, **d),
        _("The task was given."),
    )


@login_required
@require_POST
def complete_task(request: HttpRequest, task_pk: int) -> HttpResponse:
    """The owner reports a task done from their home page; a handler from the matter.
    Either way the user goes back where they came from, with the outcome as a message."""
    task = get_object_or_404(selectors.tasks_for(request.user), pk=task_pk)
    target = safe_next(request, "home")
    form = matter_forms.TaskDoneForm(request.POST)
    if form.is_valid():
        done, _current = call_service(
            form,
            lambda: services.complete_task(actor=request.user, task=task, result=form.cleaned_data["result"]),
        )
        if done is not None:
            messages.success(request, _("The task was reported done."))
            return redirect(target)
    for error in form.non_field_errors() + [e for errors in form.errors.values() for e in errors]:
        messages.error(request, str(error))
    return redirect(target)
