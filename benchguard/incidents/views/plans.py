"""Emergency plans (A13.4): the list, a plan's page, its activation and the arrivals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from benchguard.core.access import court_ids_with
from benchguard.core.uploads import file_response
from benchguard.core.views import form_action, row_page
from benchguard.incidents import forms, permissions, selectors, services
from benchguard.incidents.choices import IncidentStatus
from benchguard.incidents.models import ActivationCall, EmergencyPlan
from benchguard.incidents.views.incident_page import refused_as_400


def courts_to_add_to(request: HttpRequest, may_read: Callable[[Any], bool]) -> set[int]:
    """For a register list that also adds a row (plans, talks): the courts the user
    manages, to add a row to; 403 for a user who may not read the list (`may_read`), or
    who posts a row without managing a court."""
    if not may_read(request.user):
        raise PermissionDenied
    court_ids = court_ids_with(request.user, permissions.MANAGER_ROLES)
    if request.method == "POST" and not court_ids:
        raise PermissionDenied
    return court_ids


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request: HttpRequest) -> HttpResponse:
    court_ids = courts_to_add_to(request, permissions.can_read_plans)
    form = forms.PlanForm(request.POST or None, request.FILES or None, court_ids=court_ids)
    return form_action(
        request,
        form,
        lambda d: services.add_plan(actor=request.user, **d),
        done=_("The plan was added."),
        then=lambda plan: reverse("incidents:plan_detail", args=[plan.pk]),
        page=lambda form, current: render(
            request,
            "incidents/plan_list.html",
            {"plans": selectors.plans_for(request.user), "form": form, "can_add": bool(court_ids)},
        ),
    )


def _plan_page(request: HttpRequest, plan: Any, **bound: Any) -> HttpResponse:
    for activation in plan.activations.all():
        for call in activation.calls.all():
            call.form = bound.pop(f"c{call.pk}", None) or forms.ArrivalForm(prefix=f"c{call.pk}")
    incidents = selectors.incidents_for(request.user).filter(
        court_id=plan.court_id, status=IncidentStatus.OPEN
    )
    context = {
        "plan": plan,
        "can_activate": plan.in_force and permissions.can_manage_plans(request.user, plan.court_id),
        "activation_form": forms.ActivationForm(court_id=plan.court_id, incidents=incidents),
    }
    context.update(bound)
    return render(request, "incidents/plan_detail.html", context)


def _on_plan(
    request: HttpRequest,
    plan: Any,
    form: django_forms.BaseForm,
    name: str,
    run: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Post one of the plan page's forms to its service: back to the page with `done`,
    or the page again (400) with the form bound under `name`."""

    def page(form: django_forms.BaseForm, current: Any = None) -> HttpResponse:
        fresh = selectors.get_plan_for(request.user, plan.pk)
        return _plan_page(request, fresh, **{name: form})

    then = reverse("incidents:plan_detail", args=[plan.pk])
    return refused_as_400(form_action(request, form, run, done=done, then=then, page=page))


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, selectors.get_plan_for(request.user, pk))


@login_required
def plan_download(request: HttpRequest, pk: int) -> FileResponse:
    plan = selectors.get_plan_for(request.user, pk)
    return file_response(plan.file, filename=plan.file_name)


@row_page(
    selectors.get_plan_for,
    lambda user, plan: permissions.can_manage_plans(user, plan.court_id),
    methods=["POST"],
)
def plan_activate(request: HttpRequest, plan: EmergencyPlan) -> HttpResponse:
    incidents = selectors.incidents_for(request.user).filter(court_id=plan.court_id)
    form = forms.ActivationForm(request.POST, court_id=plan.court_id, incidents=incidents)
    return _on_plan(
        request,
        plan,
        form,
        "activation_form",
        lambda d: services.activate_plan(
            actor=request.user, plan=plan, calls=form.calls(), incident=d["incident"]
        ),
        _("The plan was activated and the people called were notified."),
    )


@row_page(
    selectors.get_call_for,
    lambda user, call: permissions.can_manage_plans(user, call.activation.plan.court_id),
    methods=["POST"],
)
def record_arrival(request: HttpRequest, call: ActivationCall) -> HttpResponse:
    plan = call.activation.plan
    form = forms.ArrivalForm(request.POST, prefix=f"c{call.pk}")
    return _on_plan(
        request,
        plan,
        form,
        f"c{call.pk}",
        lambda d: services.record_arrival(actor=request.user, call=call, **d),
        _("The arrival was recorded."),
    )
