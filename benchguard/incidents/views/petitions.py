"""Group petitions (A13.1, A13.2), on the incident's page: the notification chain and
the reception of the petitioners."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from benchguard.core.views import one_click
from benchguard.incidents import forms, permissions, selectors, services
from benchguard.incidents.models import ChainNotification
from benchguard.incidents.views.incident_page import part_for, post_incident_form


@login_required
@require_POST
def chain_notify(request: HttpRequest, pk: int) -> HttpResponse:
    # The service decides who may carry the chain on (the step before's person).
    incident = selectors.get_incident_for(request.user, pk)
    form = forms.ChainForm(request.POST, court_id=incident.court_id)
    done = _("The notification was recorded and sent.")
    return post_incident_form(request, incident, "chain_form", form, services.notify_step, done)


@login_required
@require_POST
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    step = part_for(request, ChainNotification, pk, permissions.can_acknowledge)
    one_click(request, lambda: services.acknowledge_step(actor=request.user, step=step), _("Acknowledged."))
    return redirect("incidents:incident_detail", pk=step.incident_id)


@login_required
@require_POST
def add_reception(request: HttpRequest, pk: int) -> HttpResponse:
    # The service decides who may record a reception (a manager, or someone in the chain).
    incident = selectors.get_incident_for(request.user, pk)
    form = forms.ReceptionForm(request.POST, court_id=incident.court_id)
    return post_incident_form(
        request, incident, "reception_form", form, services.record_reception, _("The reception was recorded.")
    )
