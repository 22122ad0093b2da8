"""Group petitions (A13.1, A13.2), on the incident's page: the notification chain and
the reception of the petitioners."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from benchguard.core.views import one_click
from benchguard.incidents import forms, permissions, services
from benchguard.incidents.models import ChainNotification
from benchguard.incidents.views.incident_page import incident_form_view, posted_to_part

# The service decides who may carry the chain on (the step before's person).
chain_notify = incident_form_view(
    "chain_form",
    forms.ChainForm,
    services.notify_step,
    _("The notification was recorded and sent."),
    allowed=None,
    in_court=True,
)


@posted_to_part(ChainNotification, permissions.can_acknowledge)
def acknowledge(request: HttpRequest, step: ChainNotification) -> HttpResponse:
    one_click(
        request, lambda: services.acknowledge_step(actor=request.user, step=step), gettext("Acknowledged.")
    )
    return redirect("incidents:incident_detail", pk=step.incident_id)


# The service decides who may record a reception (a manager, or someone in the chain).
add_reception = incident_form_view(
    "reception_form",
    forms.ReceptionForm,
    services.record_reception,
    _("The reception was recorded."),
    allowed=None,
    in_court=True,
)
