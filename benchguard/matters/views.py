"""Pages of the matters area: thin; every change goes through matters.services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.committee import permissions as committee_permissions
from benchguard.committee import selectors as committee_selectors
from benchguard.committee import services as committee_services
from benchguard.committee.forms import AgendaItemForm
from benchguard.committee.models import AgendaItem, Resolution
from benchguard.core import deadlines
from benchguard.core.exports import xlsx_response
from benchguard.core.forms import call_with_form
from benchguard.core.uploads import file_response
from benchguard.core.views import form_action, form_page_action, paginated, row_page, safe_next
from benchguard.matters import forms as matter_forms
from benchguard.matters import permissions, selectors, services, sources
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
            category=data["category"],
            right=data["right"],
            court=data["court"],
        )
        filters = [name for name, value in data.items() if value not in ("", None, False)]
    if request.GET.get("export") == "xlsx":
        content = services.export_register(
            actor=request.user, matters=matters[:EXPORT_LIMIT], filters=filters
        )
        return xlsx_response(content, "matters.xlsx")
    listing = paginated(request, matters, REGISTER_PAGE)
    return render(
        request,
        "matters/register_of_matters.html",
        {
            "form": form,
            **listing,
            "matters": [
                (m, selectors.overdue_since(m))
                for m in selectors.with_days_left(list(listing["page"].object_list))
            ],
        },
    )


def _office_court(user: Any, *, office_only: bool = False) -> Court:
    """The user's (first) court whose office they are, or (unless `office_only`) whose
    committee they chair; 403 for anyone else."""
    court = Court.objects.filter(pk__in=selectors.office_courts(user)).order_by("sort_order").first()
    if court is None or not (
        permissions.is_office(user, court.pk)
        or (not office_only and permissions.is_chair_or_vice(user, court.pk))
    ):
        raise PermissionDenied
    return court


def _new_matter(
    request: HttpRequest, form: forms.Form, run: Callable[[dict[str, Any]], Matter], done: str, **page: Any
) -> HttpResponse:
    """A page that registers a matter (core.views.form_page_action, Cancel back to the
    list): on success the new matter's page, with `done` naming its %(number)s."""
    return form_page_action(
        request,
        form,
        run,
        done=lambda matter: done % {"number": matter.number},
        then=_matter_url,
        back=reverse("matters:list"),
        **page,
    )


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
                "right",
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
    return _new_matter(
        request,
        matter_forms.ApplicationForm(request.POST or None, initial=initial),
        lambda data: services.submit_application(actor=request.user, resubmission_of=resubmit, **data),
        done=_("Your application %(number)s was submitted."),
        title=_("Apply for assistance"),
        template="matters/apply.html",
        resubmit=resubmit,
    )


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """The office registers an application received by phone, e-mail or in writing."""
    court = _office_court(request.user, office_only=True)

    def run(data: dict[str, Any]) -> Matter:
        fields = dict(data)
        original = fields.pop("original")
        matter = services.register_application(actor=request.user, **fields)
        if original is not None:
            services.add_attachment(actor=request.user, matter=matter, upload=original)
        return matter

    return _new_matter(
        request,
        matter_forms.RegisterForm(request.POST or None, request.FILES or None, people=people_in_court(court)),
        run,
        done=_("Registered as %(number)s."),
        title=_("Register an application"),
        template="matters/register.html",
        court=court,
    )


@login_required
@require_http_methods(["GET", "POST"])
def open_ex_officio(request: HttpRequest) -> HttpResponse:
    """The committee takes up a matter itself (A17)."""
    court = _office_court(request.user)
    return _new_matter(
        request,
        matter_forms.ExOfficioForm(request.POST or None, people=people_in_court(court)),
        lambda data: services.open_ex_officio(actor=request.user, court=court, **data),
        done=_("Opened as %(number)s."),
        title=_("Open a matter"),
        template="matters/open.html",
        court=court,
    )


def _resolutions(matter: Matter) -> QuerySet[Resolution]:
    """Resolutions of the court's held meetings, those about this matter first."""
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
        "source": sources.source_of(matter, user),
    }
    return render(request, "matters/matter_detail.html", context, status=status)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.get_matter_for(request.user, pk))


def _matter_url(matter: Matter) -> str:
    return reverse("matters:detail", args=[matter.pk])


def _on_matter(
    request: HttpRequest,
    matter: Matter,
    slot: str,
    form: forms.Form,
    run: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """A form posted from the matter's page (core.views.form_action): back to the matter
    on success; on a refusal the matter's page again with the posted form, the user's
    input and the message in the form's `slot` (403 when the service refused the user)."""

    def page(*, form: forms.Form, current: Any) -> HttpResponse:
        # After a stale edit the page shows the matter as it stands now.
        shown = selectors.get_matter_for(request.user, matter.pk) if current is not None else matter
        return _detail(request, shown, bound=(slot, form), current=current)

    return form_action(
        request,
        form,
        run,
        done=done,
        then=_matter_url(matter),
        page=page,
        refused=_("You may not do this on this matter; nothing was saved."),
    )


def _transition(
    request: HttpRequest, matter: Matter, slot: str, form: forms.Form, service: Callable[..., Any], done: str
) -> HttpResponse:
    """A transition posted from the matter's page (`_on_matter`) whose form's fields are
    the service's arguments: `service` is called with the actor, the matter and the form's
    data (`service_arguments`)."""
    run = call_with_form(service, actor=request.user, matter=matter)
    return _on_matter(request, matter, slot, form, run, done)


# A form posted from the page of a matter the user sees (404 otherwise); the service
# decides who may.
_posted_to_matter = row_page(selectors.get_matter_for, methods=["POST"])


@_posted_to_matter
def accept(request: HttpRequest, matter: Matter) -> HttpResponse:
    form = matter_forms.AcceptForm(request.POST, handlers=_handlers(matter))
    done = _("The matter was accepted; the time limit runs.")
    return _transition(request, matter, "accept", form, services.accept_matter, done)


@_posted_to_matter
def step(request: HttpRequest, matter: Matter) -> HttpResponse:
    form = matter_forms.StepForm(request.POST, steps=permissions.allowed_steps(request.user, matter))
    done = _("The step was recorded.")
    return _transition(request, matter, "step", form, services.record_step, done)


@_posted_to_matter
def decide(request: HttpRequest, matter: Matter) -> HttpResponse:
    form = matter_forms.DecideForm(
        request.POST, resolutions=_resolutions(matter), bases=permissions.decision_bases(request.user, matter)
    )
    done = _("The decision was recorded.")
    return _transition(request, matter, "decide", form, services.decide_matter, done)


# The transitions of the matter's page whose form asks nothing but what is sent (URL
# names decline, request_time, resume, feedback, response, appeal_outcome), by the form's
# slot on the page: the form, the service, the message.
_PLAIN_TRANSITIONS: dict[str, tuple[type[forms.Form], Callable[..., Any], Promise]] = {
    "decline": (
        matter_forms.DeclineForm,
        services.decline_matter,
        gettext_lazy("The application was not accepted; the applicant has been told why."),
    ),
    "time": (
        matter_forms.TimeRequestForm,
        services.request_time,
        gettext_lazy("The request was sent to the chair."),
    ),
    "resume": (
        forms.Form,
        services.resume_matter,
        gettext_lazy("Handling resumed; the due date was moved by the days of suspension."),
    ),
    "feedback": (
        matter_forms.FeedbackForm,
        services.record_feedback,
        gettext_lazy("The feedback was recorded."),
    ),
    "response": (
        matter_forms.ResponseForm,
        services.record_response,
        gettext_lazy("The answer was recorded."),
    ),
    "appeal_outcome": (
        matter_forms.AppealOutcomeForm,
        services.record_appeal_outcome,
        gettext_lazy("The outcome of the appeal was recorded."),
    ),
}


@login_required
@require_POST
def plain_transition(request: HttpRequest, pk: int, slot: str) -> HttpResponse:
    """A transition of `_PLAIN_TRANSITIONS` posted from the matter's page."""
    matter = selectors.get_matter_for(request.user, pk)
    form_class, service, done = _PLAIN_TRANSITIONS[slot]
    return _transition(request, matter, slot, form_class(request.POST), service, str(done))


@login_required
@require_POST
def decide_time(request: HttpRequest, pk: int, request_pk: int) -> HttpResponse:
    matter = selectors.get_matter_for(request.user, pk)
    time_request = get_object_or_404(TimeRequest, pk=request_pk, matter=matter)
    return _on_matter(
        request,
        matter,
        "time_decision",
        matter_forms.TimeDecisionForm(request.POST),
        lambda data: services.decide_time_request(actor=request.user, time_request=time_request, **data),
        _("Your decision was recorded."),
    )


@_posted_to_matter
def attach(request: HttpRequest, matter: Matter) -> HttpResponse:
    return _on_matter(
        request,
        matter,
        "attach",
        matter_forms.AttachmentForm(request.POST, request.FILES),
        lambda data: services.add_attachment(actor=request.user, matter=matter, upload=data["file"]),
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


@_posted_to_matter
def add_task(request: HttpRequest, matter: Matter) -> HttpResponse:
    form = matter_forms.TaskForm(request.POST, people=_court_people(matter))
    return _transition(request, matter, "task", form, services.add_task, _("The task was given."))


@login_required
@require_POST
def complete_task(request: HttpRequest, task_pk: int) -> HttpResponse:
    """The owner reports a task done from their home page; a handler from the matter.
    Either way the user goes back where they came from, with the outcome as a message."""
    task = get_object_or_404(selectors.tasks_for(request.user), pk=task_pk)
    target = safe_next(request, "home")

    def back(*, form: forms.Form, current: Any) -> HttpResponse:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
        return redirect(target)

    return form_action(
        request,
        matter_forms.TaskDoneForm(request.POST),
        lambda data: services.complete_task(actor=request.user, task=task, result=data["result"]),
        done=_("The task was reported done."),
        then=target,
        page=back,
    )


@login_required
@require_http_methods(["GET", "POST"])
def agenda_add(request: HttpRequest, meeting_pk: int) -> HttpResponse:
    """An item on a committee meeting's agenda, optionally about one of the court's
    matters (A6). The page is served here because it offers matters to pick: the
    committee sits below matters and does not know them (docs/architecture.md, "Layers");
    the item is added by the committee's own service."""
    meeting = committee_selectors.get_meeting_for(request.user, meeting_pk)
    if not committee_permissions.can_manage_committee(request.user, meeting.court_id):
        raise PermissionDenied
    form = AgendaItemForm(
        request.POST or None,
        matters=Matter.objects.visible_to(request.user)
        .filter(court_id=meeting.court_id)
        .order_by("-registered_at"),
    )
    return form_page_action(
        request,
        form,
        lambda data: committee_services.add_agenda_item(actor=request.user, meeting=meeting, **data),
        done=_("The item was added to the agenda."),
        title=_("Add an agenda item"),
        back=reverse("committee:meeting_detail", kwargs={"pk": meeting.pk}),
        template="committee/form.html",
        meeting=meeting,
    )
