"""Pages of the liaison directory and its requests (A19): thin; changes go through
services, reads through selectors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from benchguard.cases.models import Case
from benchguard.core.forms import call_with_form
from benchguard.core.views import form_page_action, one_click, paginated, row_page, safe_next
from benchguard.incidents.choices import IncidentStatus
from benchguard.incidents.models import Incident
from benchguard.liaison import forms, permissions, selectors, services
from benchguard.liaison.choices import AgencyKind, RequestStatus
from benchguard.liaison.models import Agency, AgencyContact, LiaisonRequest
from benchguard.matters.models import Matter
from benchguard.organization.models import Court

PAGE_SIZE = 50


def _kept_agency(request: HttpRequest, pk: int) -> Agency:
    """A body the user sees (else 404) and keeps (else 403)."""
    agency = selectors.get_agency_for(request.user, pk)
    if not permissions.can_edit_agency(request.user, agency):
        raise PermissionDenied
    return agency


def _kept_contact(request: HttpRequest, pk: int) -> AgencyContact:
    """A contact the user sees (else 404) and keeps (else 403)."""
    contact = selectors.get_contact_for(request.user, pk)
    if not permissions.can_edit_contact(request.user, contact):
        raise PermissionDenied
    return contact


def _directory_form(
    request: HttpRequest, form: BaseForm, run: Callable[[dict[str, Any]], Any], **kwargs: Any
) -> HttpResponse:
    """A keeper's form (core.views.form_page_action): back to the directory."""
    return form_page_action(request, form, run, back=reverse("liaison:directory"), **kwargs)


def _directory_button(request: HttpRequest, run: Callable[[], Any], done: str) -> HttpResponse:
    """A keeper's button (core.views.one_click): back to the directory."""
    one_click(request, run, done)
    return redirect("liaison:directory")


def _edit_view(
    name: str,
    kept: Callable[[HttpRequest, int], Any],
    form: Callable[..., Any],
    update: Callable[..., Any],
    title: Promise,
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A keeper's page editing a body or a contact, `kept(request, pk)`: the fields the
    `form` changed go to `update`, which takes the row by its `name`."""

    @login_required
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        row = kept(request, pk)
        bound = form(request.POST or None, instance=row)
        return _directory_form(
            request,
            bound,
            lambda _data: update(actor=request.user, **{name: row}, **bound.edit()),
            done=_("The changes were saved."),
            title=str(title),
        )

    return view


def _deactivate_view(
    name: str, kept: Callable[[HttpRequest, int], Any], deactivate: Callable[..., Any], done: Promise
) -> Callable[[HttpRequest, int], HttpResponse]:
    """A keeper's button taking a body or a contact, `kept(request, pk)`, out of the
    directory: `deactivate` takes the row by its `name`."""

    @login_required
    @require_POST
    def view(request: HttpRequest, pk: int) -> HttpResponse:
        row = kept(request, pk)
        return _directory_button(request, lambda: deactivate(actor=request.user, **{name: row}), str(done))

    return view


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    """The bodies of the courts the user reads, with their active contacts."""
    if not permissions.can_read(request.user):
        raise PermissionDenied
    form = forms.DirectoryFilterForm(request.GET or None, courts=selectors.directory_courts_for(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    agencies = selectors.directory_for(
        request.user, court=filters.get("court"), kind=filters.get("kind") or ""
    )
    listing = paginated(request, agencies, PAGE_SIZE)
    return render(
        request,
        "liaison/directory.html",
        {
            "form": form,
            **listing,
            "kept": permissions.keeper_court_ids(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_add(request: HttpRequest) -> HttpResponse:
    if not permissions.can_add_agency(request.user):
        raise PermissionDenied
    courts = Court.objects.filter(pk__in=permissions.keeper_court_ids(request.user))
    return _directory_form(
        request,
        forms.AgencyAddForm(request.POST or None, courts=courts),
        lambda data: services.add_agency(actor=request.user, **data),
        done=_("The body was added to the directory."),
        title=_("Add an outside body"),
    )


agency_edit = _edit_view(
    "agency", _kept_agency, forms.AgencyForm, services.update_agency, gettext_lazy("Edit an outside body")
)
agency_deactivate = _deactivate_view(
    "agency", _kept_agency, services.deactivate_agency, gettext_lazy("The body was deactivated.")
)


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    agency = _kept_agency(request, pk)
    return _directory_form(
        request,
        forms.ContactAddForm(request.POST or None),
        lambda data: services.add_contact(actor=request.user, agency=agency, **data),
        done=_("The contact was added."),
        title=_("Add a contact at %(body)s") % {"body": agency.name},
    )


contact_edit = _edit_view(
    "contact", _kept_contact, forms.ContactForm, services.update_contact, gettext_lazy("Edit a contact")
)
contact_deactivate = _deactivate_view(
    "contact", _kept_contact, services.deactivate_contact, gettext_lazy("The contact was deactivated.")
)


# --- Requests to outside bodies (A19) ------------------------------------------------


def _request_url(row: LiaisonRequest) -> str:
    return reverse("liaison:request_detail", args=[row.pk])


@login_required
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    """The requests of the user's courts, newest sent first; filtered by kind of body,
    status and overdue."""
    if not permissions.can_read_requests(request.user):
        raise PermissionDenied
    form = forms.RequestFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.requests_for(
        request.user,
        kind=filters.get("kind") or "",
        status=filters.get("status") or "",
        overdue=bool(filters.get("overdue")),
    )
    return render(
        request,
        "liaison/request_list.html",
        {"form": form, "can_send": permissions.can_send(request.user), **paginated(request, rows, PAGE_SIZE)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_send(request: HttpRequest) -> HttpResponse:
    """Record a request sent to a body of the court's directory. From an incident's page
    (`?incident=<id>&kind=public_security`) the incident and the court's police body are
    chosen already, and the user goes back there afterwards (`next`)."""
    if not permissions.can_send(request.user):
        raise PermissionDenied
    user = request.user
    agencies = selectors.sending_agencies_for(user)
    incidents = selectors.sending_incidents_for(user)
    form = forms.SendRequestForm(
        request.POST or None,
        courts=selectors.sending_courts_for(user),
        agencies=agencies,
        contacts=selectors.sending_contacts_for(user),
        judges=selectors.sending_judges_for(user),
        incidents=incidents,
        cases=Case.objects.visible_to(user),
        matters=Matter.objects.visible_to(user),
        initial=_send_initial(request, agencies, incidents),
    )
    listing = reverse("liaison:request_list")
    back = safe_next(request, listing)
    return form_page_action(
        request,
        form,
        lambda data: services.send_request(actor=user, **data),
        done=_("The request was recorded."),
        # Back where the user came from (the incident's page), else to the new request.
        then=lambda row: back if back != listing else _request_url(row),
        title=_("Record a request to an outside body"),
        back=back,
        submit=_("Record the request"),
    )


def _send_initial(request: HttpRequest, agencies: Any, incidents: Any) -> dict[str, Any]:
    initial: dict[str, Any] = {"sent_on": timezone.localdate()}
    raw = request.GET.get("incident", "")
    incident = incidents.filter(pk=int(raw)).first() if raw.isdigit() else None
    if incident is not None:
        initial.update(court=incident.court_id, incident=incident.pk)
        judge = incident.targets.order_by("id").first()
        if judge is not None:
            initial["judge"] = judge.pk
    kind = request.GET.get("kind", "")
    if kind in AgencyKind.values:
        court_id = initial.get("court")
        chosen = agencies.filter(kind=kind, **({"court_id": court_id} if court_id else {})).first()
        if chosen is not None:
            initial.update(court=chosen.court_id, agency=chosen.pk)
    return initial


@login_required
@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.get_request_for(request.user, pk)
    handle = permissions.can_handle_request(request.user, row)
    return render(
        request,
        "liaison/request_detail.html",
        {
            "row": row,
            "can_answer": handle and row.status == RequestStatus.SENT,
            "can_close": handle and row.status == RequestStatus.ANSWERED,
            "can_withdraw": handle and row.status == RequestStatus.SENT,
            **selectors.visible_records_of(request.user, row),
        },
    )


def _request_form(
    request: HttpRequest, row: LiaisonRequest, form: BaseForm, service: Callable[..., Any], **kwargs: Any
) -> HttpResponse:
    """A keeper's form about one request: its fields to `service`, back to the request."""
    return form_page_action(
        request,
        form,
        call_with_form(service, actor=request.user, request=row),
        back=_request_url(row),
        template="liaison/request_form.html",
        show_stored=False,  # not a model form; the request as stored is shown above it
        row=row,
        **kwargs,
    )


_handled = row_page(selectors.get_request_for, permissions.can_handle_request)


@_handled
def request_answer(request: HttpRequest, row: LiaisonRequest) -> HttpResponse:
    form = forms.AnswerForm(request.POST or None, initial={"version": row.version})
    return _request_form(
        request,
        row,
        form,
        services.record_answer,
        done=_("The answer was recorded."),
        title=_("Record the answer of %(body)s") % {"body": row.agency.name},
        submit=_("Record the answer"),
    )


@_handled
def request_close(request: HttpRequest, row: LiaisonRequest) -> HttpResponse:
    form = forms.CloseRequestForm(request.POST or None, initial={"version": row.version})
    return _request_form(
        request,
        row,
        form,
        services.close_request,
        done=_("The request was closed."),
        title=_("Close the request to %(body)s") % {"body": row.agency.name},
        submit=_("Close the request"),
    )


@_handled
def request_withdraw(request: HttpRequest, row: LiaisonRequest) -> HttpResponse:
    form = forms.WithdrawRequestForm(request.POST or None, initial={"version": row.version})
    return _request_form(
        request,
        row,
        form,
        services.withdraw_request,
        done=_("The request was withdrawn."),
        title=_("Withdraw the request to %(body)s") % {"body": row.agency.name},
        submit=_("Withdraw the request"),
    )


@login_required
@require_GET
def incident_requests(request: HttpRequest, incident_pk: int) -> HttpResponse:
    """The requests sent about an incident, for the incident's page (loaded with htmx:
    incidents sit below liaison and do not import it). An incident the user does not
    see answers 404, as its page does; a user who does not read the court's requests
    gets nothing."""
    incident = get_object_or_404(Incident.objects.visible_to(request.user), pk=incident_pk)
    if incident.court_id not in permissions.request_reader_court_ids(request.user):
        return HttpResponse("")
    return render(
        request,
        "liaison/incident_requests.html",
        {
            "incident": incident,
            "rows": selectors.requests_for(request.user, incident=incident),
            "can_send": permissions.can_send(request.user, incident.court_id)
            and incident.status == IncidentStatus.OPEN,
        },
    )
