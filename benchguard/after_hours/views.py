"""The pages of after-hours protection (A12.3): thin; changes through services, reads
through selectors. They sit in the incident register's navigation (its tabs). Forms on
the protection page that are refused come back on that page with the user's input and
the messages, so nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from benchguard.after_hours import forms, permissions, selectors, services
from benchguard.after_hours.choices import ProtectionStatus
from benchguard.after_hours.models import ProtectionRequest
from benchguard.core.forms import call_with_form
from benchguard.core.views import form_action, paginated, row_page
from benchguard.incidents import permissions as incident_permissions
from benchguard.incidents import selectors as incident_selectors
from benchguard.incidents.choices import IncidentStatus
from benchguard.incidents.views.incident_page import on_record_page

PAGE_SIZE = 50


@login_required
@require_GET
def protection_list(request: HttpRequest) -> HttpResponse:
    """The protection requests the user may see, latest first, a page at a time."""
    if not incident_permissions.can_report(request.user):
        raise PermissionDenied
    form = forms.ProtectionFilterForm(request.GET or None)
    rows = selectors.protections_for(request.user)
    if form.is_valid() and form.cleaned_data["status"]:
        rows = rows.filter(status=form.cleaned_data["status"])
    listing = paginated(request, rows, PAGE_SIZE)
    return render(
        request,
        "after_hours/protection_list.html",
        {
            "form": form,
            **listing,
            "can_request": selectors.protection_candidates(request.user).exists(),
            **incident_permissions.tabs(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def protection_request(request: HttpRequest) -> HttpResponse:
    """Ask the judicial police for after-hours protection, for oneself or, as division
    chief or committee office, for a judge one answers for."""
    judges = selectors.protection_candidates(request.user)
    if not judges.exists():
        raise PermissionDenied
    form = forms.ProtectionRequestForm(
        request.POST or None,
        judges=judges,
        incidents=incident_selectors.incidents_for(request.user).filter(status=IncidentStatus.OPEN),
        own=judges.filter(account__username=request.user.get_username()).first(),
    )
    return form_action(
        request,
        form,
        lambda d: services.request_protection(actor=request.user, **d),
        done=_("The request was sent to the judicial police."),
        then=_detail_url,
        page=lambda form, current: render(
            request,
            "after_hours/protection_form.html",
            {"form": form, **incident_permissions.tabs(request.user)},
        ),
    )


def _protection_page(
    request: HttpRequest, protection: ProtectionRequest, bound: dict[str, Any] | None = None
) -> HttpResponse:
    """The protection's page; `bound` holds forms posted from it and refused, by name."""
    user = request.user
    police = permissions.can_act_on_protection(user, protection)
    context: dict[str, Any] = {
        "protection": protection,
        **incident_permissions.tabs(request.user),
        "can_decide": police and protection.status == ProtectionStatus.REQUESTED,
        "can_log": police and protection.status == ProtectionStatus.APPROVED,
        "incident_visible": protection.incident is not None
        and incident_permissions.can_see(user, protection.incident),
        "decision_form": forms.ProtectionDecisionForm(
            court_id=protection.court_id, initial={"version": protection.version}
        ),
        "log_form": forms.ProtectionLogForm(),
        "complete_form": forms.ProtectionCompleteForm(initial={"version": protection.version}),
    }
    context.update(bound or {})
    return render(request, "after_hours/protection_detail.html", context)


def _post_on_protection(
    request: HttpRequest,
    protection: ProtectionRequest,
    name: str,
    form: django_forms.BaseForm,
    service: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """Post the protection page's form `name` to `service(actor=request.user,
    request=protection, **fields)`, a versioned form's `version` as the service's
    `expected_version`: back to the page with `done`, or the page again (400) with the
    refused form bound under `name`."""
    return on_record_page(
        request,
        form,
        call_with_form(service, actor=request.user, request=protection),
        done=done,
        then=_detail_url(protection),
        again=lambda form: _protection_page(
            request, selectors.get_protection_for(request.user, protection.pk), bound={name: form}
        ),
    )


def _detail_url(protection: ProtectionRequest) -> str:
    return reverse("after_hours:protection_detail", args=[protection.pk])


@login_required
@require_GET
def protection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    protection = selectors.get_protection_for(request.user, pk)
    return _protection_page(request, services.open_protection(actor=request.user, request=protection))


# The judicial police act on a request: one the user sees (404 otherwise) of a court whose
# judicial police they are (403 otherwise).
_police_post = row_page(selectors.get_protection_for, permissions.can_act_on_protection, methods=["POST"])


@_police_post
def protection_decide(request: HttpRequest, protection: ProtectionRequest) -> HttpResponse:
    form = forms.ProtectionDecisionForm(request.POST, court_id=protection.court_id)
    done = _("The decision was recorded.")
    return _post_on_protection(request, protection, "decision_form", form, services.decide_protection, done)


@_police_post
def protection_log(request: HttpRequest, protection: ProtectionRequest) -> HttpResponse:
    form = forms.ProtectionLogForm(request.POST)
    return _post_on_protection(request, protection, "log_form", form, services.log_protection, _("Logged."))


@_police_post
def protection_complete(request: HttpRequest, protection: ProtectionRequest) -> HttpResponse:
    form = forms.ProtectionCompleteForm(request.POST)
    done = _("The protection was completed.")
    return _post_on_protection(request, protection, "complete_form", form, services.complete_protection, done)
