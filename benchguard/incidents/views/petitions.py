"""Group petitions (A13.1, A13.2), on the incident's page: the notification chain and
the reception of the petitioners."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from benchguard.core.views import one_click
from benchguard.incidents import forms, permissions, services
from benchguard.incidents.models import ChainNotification, Incident
from benchguard.incidents.views.incident_page import post_incident_form, posted_to_incident, posted_to_part


# The service decides who may carry the chain on (the step before's person).
@posted_to_incident(None)
def chain_notify(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.ChainForm(request.POST, court_id=incident.court_id)
    done = _("The notification was recorded and sent.")
    return post_incident_form(request, incident, "chain_form", form, services.notify_step, done)


@posted_to_part(ChainNotification, permissions.can_acknowledge)
def acknowledge(request: HttpRequest, step: ChainNotification) -> HttpResponse:
    one_click(request, lambda: services.acknowledge_step(actor=request.user, step=step), _("Acknowledged."))
    return redirect("incidents:incident_detail", pk=step.incident_id)


# The service decides who may record a reception (a manager, or someone in the chain).
@posted_to_incident(None)
def add_reception(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.ReceptionForm(request.POST, court_id=incident.court_id)
    done = _("The reception was recorded.")
    return post_incident_form(request, incident, "reception_form", form, services.record_reception, done)
