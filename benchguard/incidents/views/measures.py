"""Protective measures and the requests to the police (A8, A9.2), on the incident's page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from benchguard.incidents import forms, permissions, services
from benchguard.incidents.models import PoliceRequest, ProtectiveMeasure
from benchguard.incidents.views.incident_page import incident_for, part_for, post_incident_form, post_row_form


@login_required
@require_POST
def add_measure(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for(request, pk, permissions.can_manage)
    form = forms.MeasureForm(request.POST, court_id=incident.court_id)
    done = _("The protective measure was added.")
    return post_incident_form(request, incident, "measure_form", form, services.add_measure, done)


@login_required
@require_POST
def update_measure(request: HttpRequest, pk: int) -> HttpResponse:
    # The service decides: a manager of the incident, or the measure's owner.
    measure = part_for(request, ProtectiveMeasure, pk)
    form = forms.MeasureUpdateForm(request.POST, prefix=f"m{measure.pk}")
    done = _("The measure was updated.")
    return post_row_form(request, measure.incident, form, services.update_measure, done, measure=measure)


@login_required
@require_POST
def police_request(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for(request, pk, permissions.can_manage)
    form = forms.PoliceRequestForm(request.POST)
    done = _("The request to the police was recorded.")
    return post_incident_form(request, incident, "police_form", form, services.send_police_request, done)


@login_required
@require_POST
def police_response(request: HttpRequest, pk: int) -> HttpResponse:
    row = part_for(request, PoliceRequest, pk, lambda user, row: permissions.can_manage(user, row.incident))
    form = forms.PoliceResponseForm(request.POST, prefix=f"r{row.pk}")
    done = _("The police response was recorded.")
    return post_row_form(request, row.incident, form, services.record_police_response, done, request=row)
