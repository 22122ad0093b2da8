"""The incident's page (A8, A9, A13): what it shows, with a small form for each row, and
the one way a form posted from it runs its service: back to the page with a message,
or the page again (400) with the form bound, the user's input and the messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms as django_forms
from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from benchguard.core.access import has_role
from benchguard.core.documents import DocumentType
from benchguard.core.forms import call_with_form
from benchguard.core.views import form_action, row_page
from benchguard.incidents import forms, permissions, selectors, services
from benchguard.incidents.choices import (
    CHAIN_ORDER,
    NEEDS_PRESIDENT,
    ChainStep,
    IncidentKind,
    IncidentStatus,
    SanctionStatus,
)
from benchguard.incidents.models import Incident
from benchguard.organization.choices import Role
from benchguard.persons_of_concern import matching
from benchguard.persons_of_concern import permissions as poc_permissions
from benchguard.persons_of_concern import selectors as poc_selectors

M = TypeVar("M", bound=Model)


def _row_forms(incident: Incident, bound: dict[str, Any]) -> None:
    """Each measure and pending sanction carries its own small form
    (prefixed by its id); a refused one comes back bound, with the user's input."""
    for m in incident.measures.all():
        m.form = bound.get(f"m{m.pk}") or forms.MeasureUpdateForm(  # type: ignore[attr-defined]
            prefix=f"m{m.pk}", initial={"version": m.version, "status": m.status, "result": m.result}
        )
    for s in incident.sanctions.all():
        s.form = bound.get(f"s{s.pk}") or forms.SanctionDecisionForm(  # type: ignore[attr-defined]
            prefix=f"s{s.pk}", initial={"version": s.version}
        )
        s.reconsideration_form = bound.get(f"rc{s.pk}") or forms.ReconsiderationForm(  # type: ignore[attr-defined]
            prefix=f"rc{s.pk}"
        )
        recon = getattr(s, "reconsideration", None)
        if recon is not None:
            recon.form = bound.get(f"ro{recon.pk}") or forms.ReconsiderationOutcomeForm(
                prefix=f"ro{recon.pk}", initial={"version": recon.version}
            )


def render_incident(
    request: HttpRequest, incident: Incident, bound: dict[str, Any] | None = None
) -> HttpResponse:
    """The incident's page; `bound` holds forms posted from it and refused, by name."""
    bound = bound or {}
    _row_forms(incident, bound)
    user = request.user
    manage = permissions.can_manage(user, incident) and incident.status == IncidentStatus.OPEN
    court_id = incident.court_id
    is_president = has_role(user, Role.COURT_PRESIDENT, court_id=court_id)
    context: dict[str, Any] = {
        "incident": incident,
        **permissions.tabs(request.user),
        "can_manage": manage,
        "can_edit": permissions.can_manage(user, incident),
        "can_attach": permissions.can_add_attachment(user, incident),
        "can_link": permissions.can_link_perpetrators(user, incident),
        "show_perpetrators": poc_permissions.can_read(user),
        "can_sanction": incident.kind == IncidentKind.COURTROOM
        and incident.status == IncidentStatus.OPEN
        and permissions.can_sanction(user, incident),
        "can_open_matter": incident.matter_id is None and permissions.can_open_matter(user, incident),
        "can_refer": manage and incident.kind in (IncidentKind.CRIME, IncidentKind.COURTROOM),
        "is_president": is_president,
        "is_group": incident.kind == IncidentKind.GROUP_PETITION,
        "case_judge": services.case_judge_of(incident),
        "decision_measures": sorted(NEEDS_PRESIDENT),
        "in_effect": SanctionStatus.IN_EFFECT,
        "can_reconsider": incident.status == IncidentStatus.OPEN
        and (permissions.can_manage(user, incident) or is_president),
        "can_print": permissions.can_sanction(user, incident) or is_president,
        "reception_rule": services.reception_rule_applies(incident),
        "user_pk": user.pk,
        "chain_steps": [
            (ChainStep(step).label, [n for n in incident.chain.all() if n.step == step])
            for step in CHAIN_ORDER
        ],
        "can_chain": incident.kind == IncidentKind.GROUP_PETITION
        and any(permissions.can_notify_in_chain(user, incident, step) for step in CHAIN_ORDER),
        "can_receive": manage or any(n.notified_id == user.pk for n in incident.chain.all()),
        "pending_sanctions": SanctionStatus.PENDING,
        "attachment_form": forms.AttachmentForm(),
        "targets_form": forms.TargetsForm(
            court_id=court_id, initial={"targets": [p.pk for p in incident.targets.all()]}
        ),
        "measure_form": forms.MeasureForm(court_id=court_id),
        "referral_form": forms.ReferralForm(),
        "close_form": forms.CloseForm(),
        "reopen_form": forms.ReopenForm(),
        "sanction_form": forms.SanctionForm(),
        "chain_form": forms.ChainForm(court_id=court_id),
        "reception_form": forms.ReceptionForm(court_id=court_id),
    }
    if context["can_link"]:
        context["perpetrator_form"] = forms.PerpetratorForm(persons=poc_selectors.persons_for(user))
        context["poc_query"], context["poc_matches"] = _poc_search(request)
    context.update({name: form for name, form in bound.items() if name.endswith("_form")})
    return render(request, "incidents/incident_detail.html", context)


def _poc_search(request: HttpRequest) -> tuple[str, list[Any]]:
    """Persons of concern found by the matcher for `poc` (name, pinyin or a resident ID
    number), to link to the incident; the city-wide list is never listed whole. Sent by
    POST to the incident's page, so what was typed never reaches an address."""
    if request.method != "POST" or request.resolver_match is None:
        return "", []
    if request.resolver_match.url_name != "incident_detail":
        return "", []
    query = request.POST.get("poc", "").replace("\x00", "").strip()[:50]
    if not query:
        return "", []
    is_id = len(query) == 18 and query[:17].isdigit()
    found = matching.match(
        name="" if is_id else query,
        document_kind=DocumentType.RESIDENT_ID if is_id else None,
        document_number=query if is_id else "",
        limit=10,
    )
    persons = poc_selectors.persons_for(request.user).in_bulk([m.person_id for m in found])
    return query, [persons[m.person_id] for m in found if m.person_id in persons]


def incident_url(incident: Incident) -> str:
    return reverse("incidents:incident_detail", args=[incident.pk])


def posted_to_incident(
    allowed: Callable[[Any, Incident], bool] | None,
) -> Callable[[Callable[[HttpRequest, Incident], HttpResponse]], Callable[..., HttpResponse]]:
    """A form or button posted from the incident's page (core.views.row_page, POST only):
    the incident the user sees (404 otherwise) and may act on as `allowed` says (403
    otherwise; None: the service decides)."""
    return row_page(selectors.get_incident_for, allowed, methods=["POST"])


def posted_to_part(
    model: type[M], allowed: Callable[[Any, M], bool] | None
) -> Callable[[Callable[[HttpRequest, M], HttpResponse]], Callable[..., HttpResponse]]:
    """A form or button of a row of the incident's page (a measure, a
    sanction, a chain step; core.views.row_page, POST only): a row of an incident the user
    sees (404 otherwise) that `allowed` lets the user act on (403 otherwise; None: the
    service decides)."""
    return row_page(lambda user, pk: selectors.get_part_for(user, model, pk), allowed, methods=["POST"])


def on_record_page(
    request: HttpRequest,
    form: django_forms.BaseForm,
    run: Callable[[dict[str, Any]], Any],
    *,
    done: str,
    then: str,
    again: Callable[[django_forms.BaseForm], HttpResponse],
) -> HttpResponse:
    """Post one of the forms of a record's page (an incident, a protection request) to
    its service (core.views.form_action): to `then` with `done`, or, refused, the page
    again as `again(form)` renders it, with the form bound, the user's input and the
    messages under a message that says nothing was saved: 400, or 403 when the service
    refused the user."""

    def page(form: django_forms.BaseForm, current: Any = None) -> HttpResponse:
        messages.error(request, _("The form was not saved; see the messages below."))
        return again(form)

    return refused_as_400(form_action(request, form, run, done=done, then=then, page=page))


def refused_as_400(response: HttpResponse) -> HttpResponse:
    """A page shown again after a POST answers 400 (the form was refused); a redirect
    (done) and a 403 (the service refused the user) stay as they are."""
    if response.status_code == 200:
        response.status_code = 400
    return response


def on_incident(
    request: HttpRequest,
    incident: Incident,
    form: django_forms.BaseForm,
    name: str,
    run: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Post one of the incident page's forms to its service: back to the page with
    `done`, or the page again (400) with the form bound under `name`."""
    return on_record_page(
        request,
        form,
        run,
        done=done,
        then=incident_url(incident),
        again=lambda form: render_incident(
            request, selectors.get_incident_for(request.user, incident.pk), bound={name: form}
        ),
    )


def post_incident_form(
    request: HttpRequest,
    incident: Incident,
    name: str,
    form: django_forms.BaseForm,
    service: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """Post the incident page's form `name` to `service(actor=request.user,
    incident=incident, **fields)` (on_incident)."""
    run = call_with_form(service, actor=request.user, incident=incident)
    return on_incident(request, incident, form, name, run, done)


def post_row_form(
    request: HttpRequest,
    incident: Incident,
    form: django_forms.BaseForm,
    service: Callable[..., Any],
    done: str,
    /,
    **row: Any,
) -> HttpResponse:
    """Post the small form of one of the incident page's rows (prefixed by the row's id,
    the name it comes back bound under) to `service(actor=request.user, **row, **fields)`,
    a versioned form's `version` as the service's `expected_version` (on_incident)."""
    run = call_with_form(service, actor=request.user, **row)
    return on_incident(request, incident, form, form.prefix or "", run, done)
