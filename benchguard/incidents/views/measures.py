"""Protective measures and the requests to the police (A8, A9.2), on the incident's page."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from benchguard.incidents import forms, permissions, services
from benchguard.incidents.models import PoliceRequest, ProtectiveMeasure
from benchguard.incidents.views.incident_page import incident_form_view, row_form_view

add_measure = incident_form_view(
    "measure_form",
    forms.MeasureForm,
    services.add_measure,
    _("The protective measure was added."),
    allowed=permissions.can_manage,
    in_court=True,
)

# The service decides: a manager of the incident, or the measure's owner.
update_measure = row_form_view(
    ProtectiveMeasure,
    "m",
    forms.MeasureUpdateForm,
    services.update_measure,
    _("The measure was updated."),
    allowed=None,
    row="measure",
)

police_request = incident_form_view(
    "police_form",
    forms.PoliceRequestForm,
    services.send_police_request,
    _("The request to the police was recorded."),
    allowed=permissions.can_manage,
)

police_response = row_form_view(
    PoliceRequest,
    "r",
    forms.PoliceResponseForm,
    services.record_police_response,
    _("The police response was recorded."),
    allowed=lambda user, row: permissions.can_manage(user, row.incident),
    row="request",
)
