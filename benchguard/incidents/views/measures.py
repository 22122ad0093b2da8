"""Protective measures and the requests to the police (A8, A9.2), on the incident's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from benchguard.incidents import forms, permissions, services
from benchguard.incidents.models import PoliceRequest, ProtectiveMeasure
from benchguard.incidents.views.incident_page import incident_for, on_incident, part_for


@login_required
@require_POST
def add_measure(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for(request, pk, permissions.can_manage)
    form = forms.MeasureForm(request.POST, court_id=incident.court_id)
    return on_incident(
        request,
        incident,
        form,
        "measure_form",
        lambda d: services.add_measure(actor=request.user, incident=incident, **d),
        _("The protective measure was added."),
    )


@login_required
@require_POST
def update_measure(request: HttpRequest, pk: int) -> HttpResponse:
    # The service decides: a manager of the incident, or the measure's owner.
    measure = part_for(request, ProtectiveMeasure, pk)
    form = forms.MeasureUpdateForm(request.POST, prefix=f"m{measure.pk}")
    return on_incident(
        request,
        measure.incident,
        form,
        f"m{measure.pk}",
        lambda d: services.update_measure(actor=request.user, measure=measure, **forms.versioned(d)),
        _("The measure was updated."),
    )


@login_required
@require_POST
def police_request(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for(request, pk, permissions.can_manage)
    form = forms.PoliceRequestForm(request.POST)
    return on_incident(
        request,
        incident,
        form,
        "police_form",
        lambda d: services.send_police_request(actor=request.user, incident=incident, **d),
        _("The request to the police was recorded."),
    )


@login_required
@require_POST
def police_response(request: HttpRequest, pk: int) -> HttpResponse:
    row = part_for(request, PoliceRequest, pk, lambda user, row: permissions.can_manage(user, row.incident))
    form = forms.PoliceResponseForm(request.POST, prefix=f"r{row.pk}")
    return on_incident(
        request,
        row.incident,
        form,
        f"r{row.pk}",
        lambda d: services.record_police_response(actor=request.user, request=row, **forms.versioned(d)),
        _("The police response was recorded."),
    )
