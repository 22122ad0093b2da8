"""Pages of the reputation area (A5, A17): thin; changes go through services, reads
through selectors."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from benchguard.cases.models import Case
from benchguard.core.access import has_role
from benchguard.core.forms import call_with_form
from benchguard.core.uploads import file_response
from benchguard.core.views import form_page_action, one_click, paginated, posted_version, row_page
from benchguard.incidents.models import Incident
from benchguard.matters import sources
from benchguard.matters.models import Matter
from benchguard.organization.models import Court, Person
from benchguard.reputation import forms, permissions, selectors, services
from benchguard.reputation.choices import ClarificationStatus, EventStatus
from benchguard.reputation.models import Clarification, Liability, OpinionEvent

PAGE_SIZE = 50


def _event_url(event: OpinionEvent) -> str:
    return reverse("reputation:event_detail", args=[event.pk])


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    """The events of the user's courts (a judge: those about them), newest found first."""
    if not permissions.can_read_register(request.user):
        raise PermissionDenied
    form = forms.EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.events_for(
        request.user, status=filters.get("status") or "", kind=filters.get("kind") or ""
    )
    return render(
        request,
        "reputation/event_list.html",
        {
            "form": form,
            "can_register": permissions.can_register(request.user),
            "by_right": selectors.counts_by_right(request.user),
            **paginated(request, rows, PAGE_SIZE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_register(request: HttpRequest) -> HttpResponse:
    """The office registers an event (ex officio or on application); a judge reports one
    about themself."""
    user = request.user
    if not permissions.can_register(user):
        raise PermissionDenied
    keeper_courts = permissions.keeper_court_ids(user)
    applicant = not keeper_courts
    initial: dict[str, Any] = {"found_on": timezone.localdate()}
    if keeper_courts:
        courts = Court.objects.filter(pk__in=keeper_courts)
        judges = Person.objects.filter(court__in=courts, is_active=True)
    else:  # a judge reports about themself: their court, themself
        own = Person.objects.filter(account_id=user.pk or 0, is_active=True).first()
        if own is None:
            raise PermissionDenied
        courts = Court.objects.filter(pk=own.court_id)
        judges = Person.objects.filter(pk=own.pk)
        initial.update(court=own.court_id, judge=own.pk, origin="application")
    form = forms.RegisterEventForm(
        request.POST or None,
        courts=courts,
        judges=judges.order_by("name", "id"),
        cases=Case.objects.visible_to(user).filter(court__in=courts),
        initial=initial,
        applicant=applicant,
    )
    return form_page_action(
        request,
        form,
        lambda data: services.register_event(actor=user, **data),
        done=_("The event was registered."),
        then=_event_url,
        title=_("Register a public-opinion event"),
        back=reverse("reputation:event_list"),
        submit=_("Register the event"),
    )


@login_required
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    user = request.user
    keep = permissions.can_keep(user, event)
    clarifications = list(selectors.clarifications_of(user, event))
    awaiting = (ClarificationStatus.DRAFT, ClarificationStatus.APPROVED)
    pending = next((c for c in clarifications if c.status in awaiting), None)
    return render(
        request,
        "reputation/event_detail.html",
        {
            "event": event,
            "screenshots": event.screenshots.select_related("uploaded_by"),
            "clarifications": clarifications,
            "pending": pending,
            "can_keep": keep,
            "can_close": keep and event.status == EventStatus.INVESTIGATING and bool(event.findings),
            "can_read_all": permissions.can_read_all(user, event),
            "can_add_screenshot": keep or permissions.is_concerned(user, event),
            "can_approve": pending is not None
            and pending.status == ClarificationStatus.DRAFT
            and has_role(user, *permissions.APPROVERS, court_id=event.court_id),
            "can_draft": keep and event.status != EventStatus.REGISTERED and pending is None,
            "matter": sources.opened_matter(event),
            "can_open_matter": permissions.can_open_matter(user, event),
        },
    )


_kept = row_page(selectors.get_event_for, permissions.can_keep)


@row_page(selectors.get_event_for)
def event_screenshot(request: HttpRequest, event: OpinionEvent) -> HttpResponse:
    if not (permissions.can_keep(request.user, event) or permissions.is_concerned(request.user, event)):
        raise PermissionDenied
    form = forms.ScreenshotForm(request.POST or None, request.FILES or None)
    return form_page_action(
        request,
        form,
        lambda data: services.add_screenshot(
            actor=request.user, event=event, upload=data["file"], captured_at=data["captured_at"]
        ),
        done=_("The screenshot was kept."),
        title=_("Add a screenshot"),
        back=_event_url(event),
        template="reputation/upload_form.html",
        submit=_("Keep the screenshot"),
    )


@login_required
@require_GET
def screenshot_file(request: HttpRequest, pk: int, shot_pk: int) -> FileResponse:
    event = selectors.get_event_for(request.user, pk)
    found = get_object_or_404(event.screenshots, pk=shot_pk)
    return file_response(found.file, filename=found.name, content_type=found.content_type)


@_kept
def event_investigate(request: HttpRequest, event: OpinionEvent) -> HttpResponse:
    form = forms.InvestigateForm(request.POST or None, initial={"version": event.version})
    return form_page_action(
        request,
        form,
        call_with_form(services.start_investigation, actor=request.user, event=event),
        done=_("The investigation was started."),
        title=_("Investigate with the department"),
        back=_event_url(event),
        submit=_("Start the investigation"),
    )


@_kept
def event_findings(request: HttpRequest, event: OpinionEvent) -> HttpResponse:
    form = forms.FindingsForm(
        request.POST or None,
        initial={"version": event.version, "findings": event.findings, "harm_undone": event.harm_undone},
    )
    return form_page_action(
        request,
        form,
        call_with_form(services.record_findings, actor=request.user, event=event),
        done=_("The findings were recorded."),
        title=_("Record the findings and the harm undone"),
        back=_event_url(event),
        submit=_("Record the findings"),
    )


@login_required
@require_POST
def event_close(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    if not permissions.can_keep(request.user, event):
        raise PermissionDenied
    version = posted_version(request)
    one_click(
        request,
        lambda: services.close_event(actor=request.user, event=event, expected_version=version),
        _("The event was closed."),
    )
    return redirect(_event_url(event))


@login_required
@require_POST
def event_open_matter(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for(request.user, pk)
    if not permissions.can_open_matter(request.user, event):
        raise PermissionDenied
    one_click(
        request,
        lambda: services.open_matter(actor=request.user, event=event),
        _("A committee matter was opened from the event."),
    )
    return redirect(_event_url(event))


@_kept
def clarification_draft(request: HttpRequest, event: OpinionEvent) -> HttpResponse:
    form = forms.ClarificationForm(request.POST or None)
    return form_page_action(
        request,
        form,
        call_with_form(services.draft_clarification, actor=request.user, event=event),
        done=_("The clarification was drafted."),
        title=_("Draft a public clarification"),
        back=_event_url(event),
        submit=_("Save the draft"),
    )


def _clarification_kept(user: Any, clarification: Clarification) -> bool:
    return permissions.can_keep(user, clarification.event)


@row_page(selectors.get_clarification_for, _clarification_kept)
def clarification_edit(request: HttpRequest, clarification: Clarification) -> HttpResponse:
    form = forms.EditClarificationForm(
        request.POST or None, initial={"version": clarification.version, "text": clarification.text}
    )
    return form_page_action(
        request,
        form,
        call_with_form(services.edit_clarification, actor=request.user, clarification=clarification),
        done=_("The draft was saved."),
        title=_("Edit the draft clarification"),
        back=_event_url(clarification.event),
        submit=_("Save the draft"),
    )


@login_required
@require_POST
def clarification_approve(request: HttpRequest, pk: int) -> HttpResponse:
    clarification = selectors.get_clarification_for(request.user, pk)
    if not permissions.can_approve(request.user, clarification):
        raise PermissionDenied
    version = posted_version(request)
    one_click(
        request,
        lambda: services.approve_clarification(
            actor=request.user, clarification=clarification, expected_version=version
        ),
        _("The clarification was approved."),
    )
    return redirect(_event_url(clarification.event))


@row_page(selectors.get_clarification_for, _clarification_kept)
def clarification_publish(request: HttpRequest, clarification: Clarification) -> HttpResponse:
    form = forms.PublishForm(request.POST or None, initial={"version": clarification.version})
    return form_page_action(
        request,
        form,
        call_with_form(services.publish_clarification, actor=request.user, clarification=clarification),
        done=_("The clarification was published; its text is kept as published."),
        title=_("Publish the clarification"),
        back=_event_url(clarification.event),
        submit=_("Record the publication"),
    )


# --- Pursuit of liability (A5), on an event, a matter or an incident --------------------

PARENTS: dict[str, Any] = {"event": OpinionEvent, "matter": Matter, "incident": Incident}


def _parent(request: HttpRequest, kind: str, pk: int) -> Model:
    model = PARENTS.get(kind)
    if model is None:
        raise PermissionDenied
    return get_object_or_404(model.objects.visible_to(request.user), pk=pk)


def _parent_url(parent: Model) -> str:
    if isinstance(parent, OpinionEvent):
        return _event_url(parent)
    if isinstance(parent, Matter):
        return reverse("matters:detail", args=[parent.pk])
    return reverse("incidents:incident_detail", args=[parent.pk])


def _section(request: HttpRequest, parent: Model, kind: str) -> HttpResponse:
    court_id: int = parent.court_id  # type: ignore[attr-defined]
    return render(
        request,
        "reputation/liability_section.html",
        {
            "rows": selectors.liabilities_of(request.user, parent),
            "kind": kind,
            "parent": parent,
            "can_record": permissions.can_record_liability(request.user, court_id),
        },
    )


@login_required
@require_GET
def matter_liability(request: HttpRequest, pk: int) -> HttpResponse:
    """The pursuit of liability on a matter's page (core/sections.py)."""
    return _section(request, _parent(request, "matter", pk), "matter")


@login_required
@require_GET
def incident_liability(request: HttpRequest, pk: int) -> HttpResponse:
    """The pursuit of liability on an incident's page (core/sections.py)."""
    return _section(request, _parent(request, "incident", pk), "incident")


@login_required
@require_GET
def event_liability(request: HttpRequest, pk: int) -> HttpResponse:
    return _section(request, _parent(request, "event", pk), "event")


@login_required
@require_http_methods(["GET", "POST"])
def liability_add(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    parent = _parent(request, kind, pk)
    if not permissions.can_record_liability(request.user, parent.court_id):  # type: ignore[attr-defined]
        raise PermissionDenied
    form = forms.LiabilityForm(request.POST or None, initial={"referred_on": timezone.localdate()})
    return form_page_action(
        request,
        form,
        lambda data: services.record_liability(actor=request.user, parent=parent, **data),  # type: ignore[arg-type]
        done=_("The pursuit of liability was recorded."),
        title=_("Record the pursuit of liability of an infringer"),
        back=_parent_url(parent),
        submit=_("Record the pursuit of liability"),
    )


def _may_record(user: Any, liability: Liability) -> bool:
    return permissions.can_record_liability(user, liability.court_id)


@row_page(selectors.get_liability_for, _may_record)
def liability_outcome(request: HttpRequest, liability: Liability) -> HttpResponse:
    form = forms.OutcomeForm(request.POST or None, initial={"version": liability.version})
    return form_page_action(
        request,
        form,
        call_with_form(services.record_liability_outcome, actor=request.user, liability=liability),
        done=_("The outcome was recorded."),
        title=_("Record the outcome of the referral"),
        back=_parent_url(liability.parent),
        submit=_("Record the outcome"),
    )
