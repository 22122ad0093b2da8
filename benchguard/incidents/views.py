"""Pages of the incident register (A8, A9, A13): thin; changes through services, reads
through selectors. Forms on the incident page that are refused come back on that page
with the user's input and the messages, so nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from benchguard.core.access import court_ids_with, has_role
from benchguard.core.documents import DocumentType
from benchguard.core.exports import xlsx_response
from benchguard.core.uploads import file_response
from benchguard.core.views import edit_versioned, form_action, one_click
from benchguard.incidents import forms, permissions, selectors, services
from benchguard.incidents.choices import (
    CHAIN_ORDER,
    NEEDS_PRESIDENT,
    ChainStep,
    IncidentKind,
    IncidentStatus,
    SanctionStatus,
)
from benchguard.incidents.models import (
    ChainNotification,
    Incident,
    IncidentAttachment,
    PoliceRequest,
    ProtectiveMeasure,
    Sanction,
)
from benchguard.organization.choices import Role
from benchguard.persons_of_concern import matching
from benchguard.persons_of_concern import permissions as poc_permissions
from benchguard.persons_of_concern import selectors as poc_selectors

PAGE_SIZE = 50


# --- Register -----------------------------------------------------------------------------------


def _filtered(request: HttpRequest) -> tuple[forms.FilterForm, Any]:
    """The search of the register, shared by the list and the export."""
    form = forms.FilterForm(request.GET or None)
    search = form.search()
    if search is None:
        return form, Incident.objects.none()
    return form, selectors.search_incidents(request.user, **search)


@login_required
def incident_list(request: HttpRequest) -> HttpResponse:
    """The incidents the user may see, newest first, a page at a time."""
    if not permissions.can_report(request.user):
        raise PermissionDenied
    form, incidents = _filtered(request)
    page = Paginator(incidents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "incidents/incident_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_export": permissions.can_export(request.user),
            **permissions.tabs(request.user),
        },
    )


@login_required
def incident_export(request: HttpRequest) -> HttpResponse:
    if not permissions.can_export(request.user):
        raise PermissionDenied
    form, incidents = _filtered(request)
    if form.is_bound and not form.is_valid():
        messages.error(request, _("Correct the search before exporting it."))
        return redirect(f"{reverse('incidents:incident_list')}?{request.GET.urlencode()}")
    searched = [name for name, value in (form.search() or {}).items() if value]
    content = services.export_incidents(actor=request.user, incidents=incidents, searched=searched)
    return xlsx_response(content, "incidents.xlsx")


@login_required
def report_choose(request: HttpRequest) -> HttpResponse:
    if not permissions.can_report(request.user):
        raise PermissionDenied
    return render(
        request,
        "incidents/report_choose.html",
        {"kinds": IncidentKind.choices, **permissions.tabs(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in IncidentKind.values:
        raise Http404
    court_ids = permissions.reporting_court_ids(request.user)
    if not court_ids:
        raise PermissionDenied
    form = forms.ReportForm(request.POST or None, kind=kind, court_ids=court_ids)
    return form_action(
        request,
        form,
        lambda _data: services.report_incident(actor=request.user, **form.service_kwargs()),
        done=_("The incident was recorded."),
        then=_incident_url,
        page=lambda form, current: render(
            request, "incidents/report.html", {"form": form, "kind_label": IncidentKind(kind).label}
        ),
    )


# --- One incident -------------------------------------------------------------------------------


def _row_forms(incident: Incident, bound: dict[str, Any]) -> None:
    """Each measure, police request and pending sanction carries its own small form
    (prefixed by its id); a refused one comes back bound, with the user's input."""
    for m in incident.measures.all():
        m.form = bound.get(f"m{m.pk}") or forms.MeasureUpdateForm(  # type: ignore[attr-defined]
            prefix=f"m{m.pk}", initial={"version": m.version, "status": m.status, "result": m.result}
        )
    for r in incident.police_requests.all():
        r.form = bound.get(f"r{r.pk}") or forms.PoliceResponseForm(  # type: ignore[attr-defined]
            prefix=f"r{r.pk}",
            initial={"version": r.version, "response": r.response, "follow_up": r.follow_up},
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


def _detail(
    request: HttpRequest, incident: Incident, status: int = 200, bound: dict[str, Any] | None = None
) -> HttpResponse:
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
        "police_form": forms.PoliceRequestForm(),
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
    return render(request, "incidents/incident_detail.html", context, status=status)


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


@login_required
@require_http_methods(["GET", "POST"])  # POST: the search for a person of concern to link
def incident_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, selectors.get_incident_for(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def incident_edit(request: HttpRequest, pk: int) -> HttpResponse:
    incident = selectors.get_incident_for(request.user, pk)
    if not permissions.can_manage(request.user, incident):
        raise PermissionDenied
    form = forms.IncidentForm(request.POST or None, instance=incident)
    return edit_versioned(
        request,
        form=form,
        run=lambda: services.update_incident(
            actor=request.user,
            incident=incident,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
        ),
        template="incidents/incident_form.html",
        context={"incident": incident},
        done_url=reverse("incidents:incident_detail", args=[incident.pk]),
        done_message=_("The changes were saved."),
    )


def _incident_url(incident: Incident) -> str:
    return reverse("incidents:incident_detail", args=[incident.pk])


def _incident_for(request: HttpRequest, pk: int, allowed: Callable[[Any, Incident], bool]) -> Incident:
    """An incident the user sees (404 otherwise) and may act on as `allowed` says (403)."""
    incident = selectors.get_incident_for(request.user, pk)
    if not allowed(request.user, incident):
        raise PermissionDenied
    return incident


def _on_incident(
    request: HttpRequest,
    incident: Incident,
    form: django_forms.BaseForm,
    name: str,
    run: Callable[[dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """Post one of the incident page's forms to its service (core.views.form_action):
    back to the page with `done`, or the page again (400) with the form bound under
    `name`, the user's input and the messages."""

    def page(form: django_forms.BaseForm, current: Any = None) -> HttpResponse:
        messages.error(request, _("The form was not saved; see the messages below."))
        fresh = selectors.get_incident_for(request.user, incident.pk)
        return _detail(request, fresh, status=400, bound={name: form})

    return form_action(request, form, run, done=done, then=_incident_url(incident), page=page)


@login_required
@require_POST
def set_targets(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk, permissions.can_manage)
    form = forms.TargetsForm(request.POST, court_id=incident.court_id)
    return _on_incident(
        request,
        incident,
        form,
        "targets_form",
        lambda d: services.set_targets(actor=request.user, incident=incident, targets=list(d["targets"])),
        _("Saved."),
    )


@login_required
@require_POST
def link_perpetrator(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk, permissions.can_link_perpetrators)
    form = forms.PerpetratorForm(request.POST, persons=poc_selectors.persons_for(request.user))
    return _on_incident(
        request,
        incident,
        form,
        "perpetrator_form",
        lambda d: services.link_perpetrator(actor=request.user, incident=incident, person=d["person"]),
        _("The person of concern was linked."),
    )


@login_required
@require_POST
def add_attachment(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk, permissions.can_add_attachment)
    form = forms.AttachmentForm(request.POST, request.FILES)
    return _on_incident(
        request,
        incident,
        form,
        "attachment_form",
        lambda d: services.add_attachment(actor=request.user, incident=incident, upload=d["file"]),
        _("The file was attached."),
    )


@login_required
@require_POST
def add_measure(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk, permissions.can_manage)
    form = forms.MeasureForm(request.POST, court_id=incident.court_id)
    return _on_incident(
        request,
        incident,
        form,
        "measure_form",
        lambda d: services.add_measure(actor=request.user, incident=incident, **d),
        _("The protective measure was added."),
    )


@login_required
@require_POST
def police_request(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk, permissions.can_manage)
    form = forms.PoliceRequestForm(request.POST)
    return _on_incident(
        request,
        incident,
        form,
        "police_form",
        lambda d: services.send_police_request(actor=request.user, incident=incident, **d),
        _("The request to the police was recorded."),
    )


@login_required
@require_POST
def refer(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk, permissions.can_manage)
    form = forms.ReferralForm(request.POST)
    return _on_incident(
        request,
        incident,
        form,
        "referral_form",
        lambda d: services.refer_for_prosecution(actor=request.user, incident=incident, **d),
        _("The referral was recorded."),
    )


@login_required
@require_POST
def open_matter(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk, permissions.can_open_matter)
    one_click(
        request,
        lambda: services.open_matter(actor=request.user, incident=incident),
        _("A committee matter was opened for the incident."),
    )
    return redirect(_incident_url(incident))


@login_required
@require_POST
def reopen(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk, permissions.can_manage)
    form = forms.ReopenForm(request.POST)
    return _on_incident(
        request,
        incident,
        form,
        "reopen_form",
        lambda d: services.reopen_incident(actor=request.user, incident=incident, reason=d["reason"]),
        _("The incident was reopened."),
    )


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk, permissions.can_manage)
    form = forms.CloseForm(request.POST)
    return _on_incident(
        request,
        incident,
        form,
        "close_form",
        lambda d: services.close_incident(actor=request.user, incident=incident, note=d["note"]),
        _("The incident was closed."),
    )


@login_required
@require_POST
def add_sanction(request: HttpRequest, pk: int) -> HttpResponse:
    incident = _incident_for(request, pk, permissions.can_sanction)
    form = forms.SanctionForm(request.POST)
    return _on_incident(
        request,
        incident,
        form,
        "sanction_form",
        lambda d: services.impose_sanction(actor=request.user, incident=incident, **d),
        _("The sanction was recorded."),
    )


@login_required
@require_POST
def chain_notify(request: HttpRequest, pk: int) -> HttpResponse:
    # The service decides who may carry the chain on (the step before's person).
    incident = selectors.get_incident_for(request.user, pk)
    form = forms.ChainForm(request.POST, court_id=incident.court_id)
    return _on_incident(
        request,
        incident,
        form,
        "chain_form",
        lambda d: services.notify_step(actor=request.user, incident=incident, **d),
        _("The notification was recorded and sent."),
    )


@login_required
@require_POST
def add_reception(request: HttpRequest, pk: int) -> HttpResponse:
    # The service decides who may record a reception (a manager, or someone in the chain).
    incident = selectors.get_incident_for(request.user, pk)
    form = forms.ReceptionForm(request.POST, court_id=incident.court_id)
    return _on_incident(
        request,
        incident,
        form,
        "reception_form",
        lambda d: services.record_reception(actor=request.user, incident=incident, **d),
        _("The reception was recorded."),
    )


@login_required
@require_POST
def update_measure(request: HttpRequest, pk: int) -> HttpResponse:
    # The service decides: a manager of the incident, or the measure's owner.
    measure = selectors.get_part_for(request.user, ProtectiveMeasure, pk)
    form = forms.MeasureUpdateForm(request.POST, prefix=f"m{measure.pk}")
    return _on_incident(
        request,
        measure.incident,
        form,
        f"m{measure.pk}",
        lambda d: services.update_measure(
            actor=request.user,
            measure=measure,
            expected_version=d["version"],
            status=d["status"],
            result=d["result"],
        ),
        _("The measure was updated."),
    )


@login_required
@require_POST
def police_response(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.get_part_for(request.user, PoliceRequest, pk)
    if not permissions.can_manage(request.user, row.incident):
        raise PermissionDenied
    form = forms.PoliceResponseForm(request.POST, prefix=f"r{row.pk}")
    return _on_incident(
        request,
        row.incident,
        form,
        f"r{row.pk}",
        lambda d: services.record_police_response(
            actor=request.user,
            request=row,
            expected_version=d["version"],
            response=d["response"],
            response_on=d["response_on"],
            follow_up=d["follow_up"],
        ),
        _("The police response was recorded."),
    )


@login_required
@require_POST
def decide_sanction(request: HttpRequest, pk: int) -> HttpResponse:
    sanction = selectors.get_part_for(request.user, Sanction, pk)
    if not permissions.can_approve_sanction(request.user, sanction):
        raise PermissionDenied
    form = forms.SanctionDecisionForm(request.POST, prefix=f"s{sanction.pk}")
    return _on_incident(
        request,
        sanction.incident,
        form,
        f"s{sanction.pk}",
        lambda d: services.decide_sanction(
            actor=request.user,
            sanction=sanction,
            expected_version=d["version"],
            approve=d["approve"],
            reason=d["reason"],
        ),
        _("The decision was recorded."),
    )


@login_required
@require_POST
def apply_for_reconsideration(request: HttpRequest, pk: int) -> HttpResponse:
    sanction = selectors.get_part_for(request.user, Sanction, pk)
    if not permissions.can_record_reconsideration(request.user, sanction):
        raise PermissionDenied
    form = forms.ReconsiderationForm(request.POST, prefix=f"rc{sanction.pk}")
    return _on_incident(
        request,
        sanction.incident,
        form,
        f"rc{sanction.pk}",
        lambda d: services.apply_for_reconsideration(actor=request.user, sanction=sanction, **d),
        _("The application was recorded; the decision is still enforced meanwhile."),
    )


@login_required
@require_POST
def reconsideration_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    """The next-higher court's decision on an application for reconsideration."""
    row = selectors.get_reconsideration_for(request.user, pk)
    if not permissions.can_record_reconsideration(request.user, row.sanction):
        raise PermissionDenied
    form = forms.ReconsiderationOutcomeForm(request.POST, prefix=f"ro{row.pk}")
    return _on_incident(
        request,
        row.sanction.incident,
        form,
        f"ro{row.pk}",
        lambda d: services.record_reconsideration_outcome(
            actor=request.user,
            reconsideration=row,
            expected_version=d["version"],
            outcome=d["outcome"],
            outcome_on=d["outcome_on"],
            note=d["note"],
        ),
        _("The higher court's decision was recorded."),
    )


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
def acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    step = selectors.get_part_for(request.user, ChainNotification, pk)
    if step.notified_id != request.user.pk:
        raise PermissionDenied
    one_click(request, lambda: services.acknowledge_step(actor=request.user, step=step), _("Acknowledged."))
    return redirect("incidents:incident_detail", pk=step.incident_id)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = services.open_attachment(
        actor=request.user, attachment=selectors.get_part_for(request.user, IncidentAttachment, pk)
    )
    return file_response(attachment.file, filename=attachment.name, content_type=attachment.content_type)


# --- Emergency plans (A13.4) --------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_plans(request.user):
        raise PermissionDenied
    court_ids = court_ids_with(request.user, permissions.MANAGER_ROLES)
    if request.method == "POST" and not court_ids:
        raise PermissionDenied
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


def _plan_page(request: HttpRequest, plan: Any, status: int = 200, **bound: Any) -> HttpResponse:
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
    return render(request, "incidents/plan_detail.html", context, status=status)


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
        return _plan_page(request, fresh, status=400, **{name: form})

    return form_action(
        request, form, run, done=done, then=reverse("incidents:plan_detail", args=[plan.pk]), page=page
    )


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, selectors.get_plan_for(request.user, pk))


@login_required
def plan_download(request: HttpRequest, pk: int) -> FileResponse:
    plan = selectors.get_plan_for(request.user, pk)
    return file_response(plan.file, filename=plan.file_name)


@login_required
@require_POST
def plan_activate(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for(request.user, pk)
    if not permissions.can_manage_plans(request.user, plan.court_id):
        raise PermissionDenied
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


@login_required
@require_POST
def record_arrival(request: HttpRequest, pk: int) -> HttpResponse:
    call = selectors.get_call_for(request.user, pk)
    plan = call.activation.plan
    if not permissions.can_manage_plans(request.user, plan.court_id):
        raise PermissionDenied
    form = forms.ArrivalForm(request.POST, prefix=f"c{call.pk}")
    return _on_plan(
        request,
        plan,
        form,
        f"c{call.pk}",
        lambda d: services.record_arrival(actor=request.user, call=call, arrived_at=d["arrived_at"]),
        _("The arrival was recorded."),
    )


# --- Warning talks (A13.3) ----------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def talk_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_talks(request.user):
        raise PermissionDenied
    court_ids = court_ids_with(request.user, permissions.MANAGER_ROLES)
    if request.method == "POST" and not court_ids:
        raise PermissionDenied
    form = forms.TalkForm(
        request.POST or None,
        request.FILES or None,
        court_ids=court_ids,
        persons=poc_selectors.persons_for(request.user),
        incidents=selectors.incidents_for(request.user),
    )

    def page(form: django_forms.BaseForm, current: Any = None) -> HttpResponse:
        talks = Paginator(selectors.talks_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
        return render(
            request, "incidents/talk_list.html", {"page": talks, "form": form, "can_add": bool(court_ids)}
        )

    return form_action(
        request,
        form,
        lambda d: services.record_warning_talk(actor=request.user, **d),
        done=_("The warning talk was recorded."),
        then=reverse("incidents:talk_list"),
        page=page,
    )


@login_required
def talk_download(request: HttpRequest, pk: int) -> FileResponse:
    talk = services.open_talk_record(actor=request.user, talk=selectors.get_talk_for(request.user, pk))
    return file_response(talk.record, filename=talk.record_name)
