"""Pages of the liaison directory (A19): thin; changes go through services, reads
through selectors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.core.views import form_page_action, one_click, paginated
from benchguard.liaison import forms, permissions, selectors, services
from benchguard.liaison.models import Agency, AgencyContact
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
