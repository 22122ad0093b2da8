"""The directory of courts, departments and people, and a person's records."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from benchguard.core.views import form_page_action, one_click, paginated, row_page
from benchguard.organization import permissions, selectors, services
from benchguard.organization.forms import (
    PersonForm,
    PersonPrivateForm,
    PersonSearchForm,
    RelativeForm,
    VersionedForm,
)
from benchguard.organization.models import Person

PAGE_SIZE = 50


@login_required
def court_list(request: HttpRequest) -> HttpResponse:
    return render(request, "organization/court_list.html", {"courts": selectors.courts_for(request.user)})


@login_required
def court_detail(request: HttpRequest, pk: int) -> HttpResponse:
    court = selectors.get_court_for(request.user, pk)
    return render(
        request,
        "organization/court_detail.html",
        {"court": court, "departments": selectors.departments_of(court)},
    )


@login_required
def department_detail(request: HttpRequest, pk: int) -> HttpResponse:
    department = selectors.get_department_for(request.user, pk)
    people = selectors.people_for(request.user, department=department)
    return render(
        request, "organization/department_detail.html", {"department": department, "people": people}
    )


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    """Searchable directory; with htmx only the result table is re-rendered."""
    form = PersonSearchForm(request.GET or None, user=request.user)
    criteria = form.cleaned_data if form.is_valid() else {}
    people = selectors.people_for(
        request.user,
        q=criteria.get("q", ""),
        court=criteria.get("court"),
        department=criteria.get("department"),
        category=criteria.get("category", ""),
    )
    listing = paginated(request, people, PAGE_SIZE)
    context = {"form": form, **listing}
    template = "organization/person_list.html"
    if request.htmx and request.htmx.target == "results":  # type: ignore[attr-defined]
        template += "#results"  # typing in the search box: only the table changes
    return render(request, template, context)


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for(request.user, pk)
    return render(
        request,
        "organization/person_detail.html",
        {
            "person": person,
            "can_edit": permissions.can_edit_person(request.user, person),
            "can_open_private": permissions.can_open_private(request.user, person),
        },
    )


def _edit_person(
    request: HttpRequest, person: Person, form: VersionedForm, save: Callable[..., Any], **page: Any
) -> HttpResponse:
    """An edit page of the person's (work or private details; core.views.form_page_action):
    `save` gets the changes, then the user goes `back` to the page the edit started from."""
    return form_page_action(
        request,
        form,
        lambda _data: save(actor=request.user, person=person, **form.edit()),
        person=person,
        **page,
    )


@row_page(selectors.get_person_for, permissions.can_edit_person)
def person_edit(request: HttpRequest, person: Person) -> HttpResponse:
    return _edit_person(
        request,
        person,
        PersonForm(request.POST or None, instance=person),
        services.update_person,
        back=reverse("organization:person_detail", args=[person.pk]),
        done=_("The changes were saved."),
        title=_("Edit work details"),
        template="organization/person_form.html",
    )


@login_required
def private_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A18: opening is logged before anything is shown; the person sees who looked."""
    person = selectors.get_person_for(request.user, pk)
    private = services.open_private_details(actor=request.user, person=person)
    # Relatives are shown masked (王*, 138****1234); in full only on a second, logged
    # opening for that purpose.
    full = request.GET.get("relatives") == "full"
    if full:
        private = services.open_private_details(actor=request.user, person=person, purpose="relatives")
    is_self = permissions.is_self(request.user, person)
    return render(
        request,
        "organization/private_detail.html",
        {
            "person": person,
            "private": private,
            "relatives": private.relatives.all(),
            "relatives_in_full": full,
            "can_edit": permissions.can_edit_private(request.user, person),
            "access_log": selectors.private_access_log(person) if is_self else None,
        },
    )


@row_page(selectors.get_person_for, permissions.can_edit_private)
def relative_add(request: HttpRequest, person: Person) -> HttpResponse:
    """Add a close relative to the private record (A18)."""
    services.open_private_details(actor=request.user, person=person, purpose="edit")
    back = reverse("organization:private_detail", args=[person.pk])
    return form_page_action(
        request,
        RelativeForm(request.POST or None),
        lambda data: services.add_relative(actor=request.user, person=person, **data),
        done=_("The relative was added."),
        title=_("Add a close relative"),
        back=back,
        submit=_("Add the relative"),
        show_stored=False,
    )


@row_page(selectors.get_person_for, permissions.can_edit_private, methods=("POST",))
def relative_remove(request: HttpRequest, person: Person) -> HttpResponse:
    """Take a relative out of the private record (A18)."""
    raw = request.POST.get("relative", "")
    private = services.open_private_details(actor=request.user, person=person, purpose="edit")
    relative = get_object_or_404(private.relatives, pk=int(raw) if raw.isdigit() else 0)
    one_click(
        request,
        lambda: services.remove_relative(actor=request.user, relative=relative),
        _("The relative was removed."),
    )
    return redirect("organization:private_detail", person.pk)


@row_page(selectors.get_person_for, permissions.can_edit_private)
def private_edit(request: HttpRequest, person: Person) -> HttpResponse:
    private = services.open_private_details(actor=request.user, person=person, purpose="edit")
    return _edit_person(
        request,
        person,
        PersonPrivateForm(request.POST or None, instance=private),
        services.update_private_details,
        back=reverse("organization:private_detail", args=[person.pk]),
        done=_("The private details were saved."),
        title=_("Edit private details"),
        template="organization/private_form.html",
        show_stored=False,  # A18: the stored values are never repeated on the page
    )
