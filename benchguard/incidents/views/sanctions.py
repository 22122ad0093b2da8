"""Courtroom sanctions (A9.3), on the incident's page: imposing a measure, the
president's decision, the written decision to print and the reconsideration."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from benchguard.core.views import row_page
from benchguard.incidents import forms, permissions, selectors, services
from benchguard.incidents.models import Reconsideration, Sanction
from benchguard.incidents.views.incident_page import incident_form_view, post_row_form, row_form_view

add_sanction = incident_form_view(
    "sanction_form",
    forms.SanctionForm,
    services.impose_sanction,
    _("The sanction was recorded."),
    allowed=permissions.can_sanction,
)

decide_sanction = row_form_view(
    Sanction,
    "s",
    forms.SanctionDecisionForm,
    services.decide_sanction,
    _("The decision was recorded."),
    allowed=permissions.can_approve_sanction,
    row="sanction",
)


@row_page(selectors.get_sanction_for, permissions.can_print_decision, methods=["GET"])
def sanction_decision(request: HttpRequest, sanction: Sanction) -> HttpResponse:
    """The written decision on a fine or detention, to print (browser print, A4) and
    serve on the person: the facts, the legal basis, the sanction, the president's
    approval and the notice of the right to reconsideration."""
    try:
        services.open_decision(actor=request.user, sanction=sanction)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("incidents:incident_detail", pk=sanction.incident_id)
    incident = sanction.incident
    return render(
        request,
        "incidents/sanction_decision.html",
        {
            "sanction": sanction,
            "incident": incident,
            "cap": services.cap_for(incident.procedure),
            "higher_court": incident.court.parent,
            "reconsideration": getattr(sanction, "reconsideration", None),
        },
    )


apply_for_reconsideration = row_form_view(
    Sanction,
    "rc",
    forms.ReconsiderationForm,
    services.apply_for_reconsideration,
    _("The application was recorded; the decision is still enforced meanwhile."),
    allowed=permissions.can_record_reconsideration,
    row="sanction",
)


@row_page(
    selectors.get_reconsideration_for,
    lambda user, row: permissions.can_record_reconsideration(user, row.sanction),
    methods=["POST"],
)
def reconsideration_outcome(request: HttpRequest, row: Reconsideration) -> HttpResponse:
    """The next-higher court's decision on an application for reconsideration."""
    form = forms.ReconsiderationOutcomeForm(request.POST, prefix=f"ro{row.pk}")
    done = gettext("The higher court's decision was recorded.")
    incident = row.sanction.incident
    return post_row_form(
        request, incident, form, services.record_reconsideration_outcome, done, reconsideration=row
    )
