"""Courtroom sanctions (A9.3), on the incident's page: imposing a measure, the
president's decision, the written decision to print and the reconsideration."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from benchguard.incidents import forms, permissions, selectors, services
from benchguard.incidents.models import Sanction
from benchguard.incidents.views.incident_page import incident_for, part_for, post_incident_form, post_row_form


@login_required
@require_POST
def add_sanction(request: HttpRequest, pk: int) -> HttpResponse:
    incident = incident_for(request, pk, permissions.can_sanction)
    form = forms.SanctionForm(request.POST)
    done = _("The sanction was recorded.")
    return post_incident_form(request, incident, "sanction_form", form, services.impose_sanction, done)


@login_required
@require_POST
def decide_sanction(request: HttpRequest, pk: int) -> HttpResponse:
    sanction = part_for(request, Sanction, pk, permissions.can_approve_sanction)
    form = forms.SanctionDecisionForm(request.POST, prefix=f"s{sanction.pk}")
    done = _("The decision was recorded.")
    return post_row_form(request, sanction.incident, form, services.decide_sanction, done, sanction=sanction)


@login_required
@require_GET
def sanction_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """The written decision on a fine or detention, to print (browser print, A4) and
    serve on the person: the facts, the legal basis, the sanction, the president's
    approval and the notice of the right to reconsideration."""
    sanction = selectors.get_sanction_for(request.user, pk)
    if not permissions.can_print_decision(request.user, sanction):
        raise PermissionDenied
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


@login_required
@require_POST
def apply_for_reconsideration(request: HttpRequest, pk: int) -> HttpResponse:
    sanction = part_for(request, Sanction, pk, permissions.can_record_reconsideration)
    form = forms.ReconsiderationForm(request.POST, prefix=f"rc{sanction.pk}")
    done = _("The application was recorded; the decision is still enforced meanwhile.")
    return post_row_form(
        request, sanction.incident, form, services.apply_for_reconsideration, done, sanction=sanction
    )


@login_required
@require_POST
def reconsideration_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """The next-higher court's decision on an application for reconsideration."""
    row = selectors.get_reconsideration_for(request.user, pk)
    if not permissions.can_record_reconsideration(request.user, row.sanction):
        raise PermissionDenied
    form = forms.ReconsiderationOutcomeForm(request.POST, prefix=f"ro{row.pk}")
    done = _("The higher court's decision was recorded.")
    incident = row.sanction.incident
    return post_row_form(
        request, incident, form, services.record_reconsideration_outcome, done, reconsideration=row
    )
