"""Courtroom sanctions (A9.3), on the incident's page: imposing a measure, the
president's decision, the written decision to print and the reconsideration."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from benchguard.core.views import row_page
from benchguard.incidents import forms, permissions, selectors, services
from benchguard.incidents.models import Incident, Reconsideration, Sanction
from benchguard.incidents.views.incident_page import (
    post_incident_form,
    post_row_form,
    posted_to_incident,
    posted_to_part,
)


@posted_to_incident(permissions.can_sanction)
def add_sanction(request: HttpRequest, incident: Incident) -> HttpResponse:
    form = forms.SanctionForm(request.POST)
    done = _("The sanction was recorded.")
    return post_incident_form(request, incident, "sanction_form", form, services.impose_sanction, done)


@posted_to_part(Sanction, permissions.can_approve_sanction)
def decide_sanction(request: HttpRequest, sanction: Sanction) -> HttpResponse:
    form = forms.SanctionDecisionForm(request.POST, prefix=f"s{sanction.pk}")
    done = _("The decision was recorded.")
    return post_row_form(request, sanction.incident, form, services.decide_sanction, done, sanction=sanction)


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


@posted_to_part(Sanction, permissions.can_record_reconsideration)
def apply_for_reconsideration(request: HttpRequest, sanction: Sanction) -> HttpResponse:
    form = forms.ReconsiderationForm(request.POST, prefix=f"rc{sanction.pk}")
    done = _("The application was recorded; the decision is still enforced meanwhile.")
    return post_row_form(
        request, sanction.incident, form, services.apply_for_reconsideration, done, sanction=sanction
    )


@row_page(
    selectors.get_reconsideration_for,
    lambda user, row: permissions.can_record_reconsideration(user, row.sanction),
    methods=["POST"],
)
def reconsideration_outcome(request: HttpRequest, row: Reconsideration) -> HttpResponse:
    """The next-higher court's decision on an application for reconsideration."""
    form = forms.ReconsiderationOutcomeForm(request.POST, prefix=f"ro{row.pk}")
    done = _("The higher court's decision was recorded.")
    incident = row.sanction.incident
    return post_row_form(
        request, incident, form, services.record_reconsideration_outcome, done, reconsideration=row
    )
