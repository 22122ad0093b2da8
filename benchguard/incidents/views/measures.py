"""Protective measures (A8), on the incident's page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from benchguard.incidents import forms, permissions, services
from benchguard.incidents.models import Incident, ProtectiveMeasure
from benchguard.incidents.views.incident_page import (
    post_incident_form,
    post_row_form,
    posted_to_incident,
    posted_to_part,
)


@posted_to_incident(permissions.can_manage)
def add_measure(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.MeasureForm(request.POST, court_id=incident.court_id)
    done = _("The protective measure was added.")
    return post_incident_form(request, incident, "measure_form", form, services.add_measure, done)


# The service decides: a manager of the incident, or the measure's owner.
@posted_to_part(ProtectiveMeasure, None)
def update_measure(request: HttpRequest, measure: ProtectiveMeasure) -> HttpResponse:
    form = forms.MeasureUpdateForm(request.POST, prefix=f"m{measure.pk}")
    done = _("The measure was updated.")
    return post_row_form(request, measure.incident, form, services.update_measure, done, measure=measure)
