"""Pages of the liaison directory (A19): thin; changes go through services, reads
through selectors."""

from __future__ import annotations

from functools import partial

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.core.views import form_action, form_page, one_click
from benchguard.liaison import forms, permissions, selectors, services
from benchguard.organization.models import Court

PAGE_SIZE = 50


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
    page = Paginator(agencies, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "liaison/directory.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "kept": permissions.keeper_court_ids(request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_add(request: HttpRequest) -> HttpResponse:
    if not permissions.can_add_agency(request.user):
        raise PermissionDenied
    courts = Court.objects.filter(pk__in=permissions.keeper_court_ids(request.user))
    form = forms.AgencyAddForm(request.POST or None, courts=courts)
    back = reverse("liaison:directory")
    return form_action(
        request,
        form,
        lambda data: services.add_agency(actor=request.user, **data),
        done=_("The body was added to the directory."),
        then=back,
        page=partial(form_page, request, title=_("Add an outside body"), back=back),
    )


@login_required
@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.get_agency_for(request.user, pk)
    if not permissions.can_edit_agency(request.user, agency):
        raise PermissionDenied
    form = forms.AgencyForm(request.POST or None, instance=agency)
    back = reverse("liaison:directory")
    return form_action(
        request,
        form,
        lambda _data: services.update_agency(actor=request.user, agency=agency, **form.edit()),
        done=_("The changes were saved."),
        then=back,
        page=partial(form_page, request, title=_("Edit an outside body"), back=back),
    )


@login_required
@require_POST
def agency_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.get_agency_for(request.user, pk)
    if not permissions.can_edit_agency(request.user, agency):
        raise PermissionDenied
    one_click(
        request,
        lambda: services.deactivate_agency(actor=request.user, agency=agency),
        _("The body was deactivated."),
    )
    return redirect("liaison:directory")


@login_required
@require_http_methods(["GET", "POST"])
def contact_add(request: HttpRequest, pk: int) -> HttpResponse:
    agency = selectors.get_agency_for(request.user, pk)
    if not permissions.can_edit_agency(request.user, agency):
        raise PermissionDenied
    form = forms.ContactAddForm(request.POST or None)
    back = reverse("liaison:directory")
    return form_action(
        request,
        form,
        lambda data: services.add_contact(actor=request.user, agency=agency, **data),
        done=_("The contact was added."),
        then=back,
        page=partial(
            form_page, request, title=_("Add a contact at %(body)s") % {"body": agency.name}, back=back
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = selectors.get_contact_for(request.user, pk)
    if not permissions.can_edit_contact(request.user, contact):
        raise PermissionDenied
    form = forms.ContactForm(request.POST or None, instance=contact)
    back = reverse("liaison:directory")
    return form_action(
        request,
        form,
        lambda _data: services.update_contact(actor=request.user, contact=contact, **form.edit()),
        done=_("The changes were saved."),
        then=back,
        page=partial(form_page, request, title=_("Edit a contact"), back=back),
    )


@login_required
@require_POST
def contact_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    contact = selectors.get_contact_for(request.user, pk)
    if not permissions.can_edit_contact(request.user, contact):
        raise PermissionDenied
    one_click(
        request,
        lambda: services.deactivate_contact(actor=request.user, contact=contact),
        _("The contact was deactivated."),
    )
    return redirect("liaison:directory")
