"""The register's pages (A8, A9, A13): the list and its export, reporting an incident,
the incident's page and the changes to the incident itself (facts, protected persons,
persons of concern, attachments, referral, closing and reopening, a committee matter)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from benchguard.core.exports import xlsx_response
from benchguard.core.uploads import file_response
from benchguard.core.views import form_action, form_page_action, one_click, paginated, row_page
from benchguard.incidents import forms, permissions, selectors, services
from benchguard.incidents.choices import IncidentKind
from benchguard.incidents.models import Incident, IncidentAttachment
from benchguard.incidents.views.incident_page import (
    incident_url,
    on_incident,
    post_incident_form,
    posted_to_incident,
    render_incident,
)
from benchguard.persons_of_concern import selectors as poc_selectors

PAGE_SIZE = 50


def _filtered(request: HttpRequest) -> tuple[forms.FilterForm, Any]:
    """The search of the register, shared by the list and the export."""
    form = forms.FilterForm(request.GET or None)
    search = form.search()
    if search is None:
        return form, Incident.objects.none()
    return form, selectors.search_incidents(request.user, **search)


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    """The incidents the user may see, newest first, a page at a time."""
    if not permissions.can_report(request.user):
        raise PermissionDenied
    form, incidents = _filtered(request)
    listing = paginated(request, incidents, PAGE_SIZE)
    return render(
        request,
        "incidents/incident_list.html",
        {
            "form": form,
            **listing,
            "can_export": permissions.can_export(request.user),
            **permissions.tabs(request.user),
        },
    )


@login_required
def incident_export(request: HttpRequest) -> HttpResponse:
    if not permissions.can_export(request.user):
        raise PermissionDenied
    form, incidents = _filtered(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Correct the search before exporting it."))
        return redirect(f"{reverse('incidents:incident_list')}?{request.GET.urlencode()}")
    searched = [name for name, value in (form.search() or {}).items() if value]
    content = services.export_incidents(actor=request.user, incidents=incidents, searched=searched)
    return xlsx_response(content, "incidents.xlsx")


@login_required
def report_choose(request: HttpRequest) -> HttpResponse:
    if not permissions.can_report(request.user):
        raise PermissionDenied
    return render(
        request,
        "incidents/report_choose.html",
        {"kinds": IncidentKind.choices, **permissions.tabs(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in IncidentKind.values:
        raise Http404
    court_ids = permissions.reporting_court_ids(request.user)
    if not court_ids:
        raise PermissionDenied
    form = forms.ReportForm(request.POST or None, kind=kind, court_ids=court_ids)
    return form_action(
        request,
        form,
        lambda _data: services.report_incident(actor=request.user, **form.service_kwargs()),
        done=_("The incident was recorded."),
        then=incident_url,
        page=lambda form, current: render(
            request, "incidents/report.html", {"form": form, "kind_label": IncidentKind(kind).label}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])  # POST: the search for a person of concern to link
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render_incident(request, selectors.get_incident_for(request.user, pk))


@row_page(selectors.get_incident_for, permissions.can_manage)
def incident_edit(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.IncidentForm(request.POST or None, instance=incident)
    return form_page_action(
        request,
        form,
        lambda data: services.update_incident(
            actor=request.user, incident=incident, expected_version=data["version"], changes=form.changes()
        ),
        done=_("The changes were saved."),
        title=_("Edit"),
        back=reverse("incidents:incident_detail", args=[incident.pk]),
        template="incidents/incident_form.html",
        incident=incident,
    )


@posted_to_incident(permissions.can_manage)
def set_targets(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.TargetsForm(request.POST, court_id=incident.court_id)
    return on_incident(
        request,
        incident,
        form,
        "targets_form",
        lambda d: services.set_targets(actor=request.user, incident=incident, targets=list(d["targets"])),
        _("Saved."),
    )


@posted_to_incident(permissions.can_link_perpetrators)
def link_perpetrator(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.PerpetratorForm(request.POST, persons=poc_selectors.persons_for(request.user))
    done = _("The person of concern was linked.")
    return post_incident_form(request, incident, "perpetrator_form", form, services.link_perpetrator, done)


@posted_to_incident(permissions.can_add_attachment)
def add_attachment(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.AttachmentForm(request.POST, request.FILES)
    return on_incident(
        request,
        incident,
        form,
        "attachment_form",
        lambda d: services.add_attachment(actor=request.user, incident=incident, upload=d["file"]),
        _("The file was attached."),
    )


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = services.open_attachment(
        actor=request.user, attachment=selectors.get_part_for(request.user, IncidentAttachment, pk)
    )
    return file_response(attachment.file, filename=attachment.name, content_type=attachment.content_type)


@posted_to_incident(permissions.can_manage)
def refer(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.ReferralForm(request.POST)
    done = _("The referral was recorded.")
    return post_incident_form(request, incident, "referral_form", form, services.refer_for_prosecution, done)


@posted_to_incident(permissions.can_open_matter)
def open_matter(request: HttpRequest, incident: Incident) -> HttpResponse:
    one_click(
        request,
        lambda: services.open_matter(actor=request.user, incident=incident),
        _("A committee matter was opened for the incident."),
    )
    return redirect(incident_url(incident))


@posted_to_incident(permissions.can_manage)
def reopen(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.ReopenForm(request.POST)
    done = _("The incident was reopened.")
    return post_incident_form(request, incident, "reopen_form", form, services.reopen_incident, done)


@posted_to_incident(permissions.can_manage)
def close(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.CloseForm(request.POST)
    done = _("The incident was closed.")
    return post_incident_form(request, incident, "close_form", form, services.close_incident, done)
