"""Pages of persons of concern and the controlled list (A15): thin; changes go through
services, reads through selectors; every entry view is logged by services.open_entry."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.core.exports import xlsx_response
from benchguard.core.forms import call_service
from benchguard.core.views import edit_versioned, one_click
from benchguard.persons_of_concern import forms, matching, permissions, selectors, services

PAGE_SIZE = 50


def _reader(request: HttpRequest) -> None:
    if not permissions.can_read(request.user):
        raise PermissionDenied


@login_required
def person_list(request: HttpRequest) -> HttpResponse:
    """Search with the matcher; without a query, the most recently recorded persons.

    The search is sent by POST: a name, ID number or phone in the address would stay in
    the server's access log, the browser's history and the Referer header."""
    _reader(request)
    form = forms.MatchForm(request.POST if request.method == "POST" else None)
    results: list[tuple[object, matching.Match | None]] = []
    searched = False
    if form.is_valid() and any(form.cleaned_data.values()):
        searched = True
        data = form.cleaned_data
        found = matching.match(
            name=data["name"],
            document_kind=data["document_kind"] or None,
            document_number=data["document_number"],
            phone=data["phone"],
            limit=20,
        )
        people = selectors.persons_for(request.user).in_bulk([m.person_id for m in found])
        results = [(people[m.person_id], m) for m in found if m.person_id in people]
        page = None
    else:
        page = Paginator(
            selectors.persons_for(request.user).order_by("-created_at", "-id"), PAGE_SIZE
        ).get_page(request.GET.get("page"))
        results = [(p, None) for p in page]
    return render(
        request,
        "persons_of_concern/person_list.html",
        {"form": form, "results": results, "searched": searched, "page": page},
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_create(request: HttpRequest) -> HttpResponse:
    _reader(request)
    form = forms.PersonCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        person, _stale = call_service(
            form, lambda: services.create_person(actor=request.user, **form.service_kwargs())
        )
        if person is not None:
            messages.success(request, _("The person of concern was recorded."))
            return redirect("persons_of_concern:person_detail", pk=person.pk)
    return render(request, "persons_of_concern/person_create.html", {"form": form})


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for(request.user, pk)
    # Incidents behind the person, from every court of the city (A15); a reader opens
    # those of their own court (the register's own scoping decides).
    from benchguard.incidents.models import Incident

    linked = list(person.incidents.select_related("court").order_by("-occurred_at"))
    openable = set(
        Incident.objects.visible_to(request.user)
        .filter(pk__in=[i.pk for i in linked])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "persons_of_concern/person_detail.html",
        {
            "person": person,
            "incidents": [(incident, incident.pk in openable) for incident in linked],
            "name_form": forms.NameForm(),
            "document_form": forms.DocumentForm(),
            "phone_form": forms.PhoneForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_person_for(request.user, pk)
    if not permissions.can_edit_person(request.user, person):
        raise PermissionDenied
    form = forms.PersonForm(request.POST or None, instance=person)
    return edit_versioned(
        request,
        form=form,
        run=lambda: services.update_person(
            actor=request.user,
            person=person,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
        ),
        template="persons_of_concern/person_form.html",
        context={"person": person},
        done_url=reverse("persons_of_concern:person_detail", args=[person.pk]),
        done_message=_("The changes were saved."),
    )


def _add(request: HttpRequest, pk: int, form_class: Any, run: object) -> HttpResponse:
    person = selectors.get_person_for(request.user, pk)
    if not permissions.can_edit_person(request.user, person):
        raise PermissionDenied
    form = form_class(request.POST)
    if form.is_valid():
        saved, _stale = call_service(form, lambda: run(person, form.cleaned_data))  # type: ignore[operator]
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect("persons_of_concern:person_detail", pk=person.pk)
    for error in form.errors.values():
        messages.error(request, " ".join(str(e) for e in error))
    return redirect("persons_of_concern:person_detail", pk=person.pk)


@login_required
@require_POST
def add_name(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        forms.NameForm,
        lambda person, data: services.add_name(actor=request.user, person=person, **data),
    )


@login_required
@require_POST
def add_document(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        forms.DocumentForm,
        lambda person, data: services.add_document(actor=request.user, person=person, **data),
    )


@login_required
@require_POST
def add_phone(request: HttpRequest, pk: int) -> HttpResponse:
    return _add(
        request,
        pk,
        forms.PhoneForm,
        lambda person, data: services.add_phone(actor=request.user, person=person, number=data["phone"]),
    )


@login_required
@require_http_methods(["GET", "POST"])
def propose_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposal page: the entry's facts and the incidents and log lines it cites."""
    person = selectors.get_person_for(request.user, pk)
    if not permissions.can_propose(request.user, person):
        raise PermissionDenied
    form = forms.EntryForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        entry, _stale = call_service(
            form,
            lambda: services.propose_entry(actor=request.user, person=person, **form.service_kwargs()),
        )
        if entry is not None:
            messages.success(request, _("The entry was proposed; it matches once approved."))
            return redirect("persons_of_concern:entry_detail", pk=entry.pk)
    return render(
        request,
        "persons_of_concern/entry_propose.html",
        {"person": person, "form": form, "max_term_days": services.max_term_days()},
    )


@login_required
def check(request: HttpRequest) -> HttpResponse:
    """The matcher's answer for filing clerks and division chiefs (and the readers):
    listed or not, the level and whom to call; never the dossier. Sent by POST, so what
    was typed never reaches an address (access logs, history, Referer)."""
    if not permissions.can_check(request.user):
        raise PermissionDenied
    form = forms.MatchForm(request.POST if request.method == "POST" else None)
    answer = None
    if form.is_valid() and any(form.cleaned_data.values()):
        data = form.cleaned_data
        answer = services.check_against_list(
            actor=request.user,
            name=data["name"],
            document_kind=data["document_kind"] or None,
            document_number=data["document_number"],
            phone=data["phone"],
        )
    return render(
        request,
        "persons_of_concern/check.html",
        {"form": form, "answer": answer, "can_read": permissions.can_read(request.user)},
    )


@login_required
def entry_list(request: HttpRequest) -> HttpResponse:
    _reader(request)
    page = Paginator(selectors.entries_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "persons_of_concern/entry_list.html",
        {"entries": page, "page": page, "can_export": permissions.can_export(request.user)},
    )


@login_required
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = services.open_entry(actor=request.user, entry=selectors.get_entry_for(request.user, pk))
    user = request.user
    return render(
        request,
        "persons_of_concern/entry_detail.html",
        {
            "entry": entry,
            "can_approve": permissions.can_approve_entry(user, entry) and entry.status == "proposed",
            "can_remove": permissions.can_remove_entry(user, entry) and entry.removed_at is None,
            "can_correct": permissions.can_correct_entry(user, entry) and entry.removed_at is None,
            "can_object": permissions.can_record_objection(user, entry),
            "can_decide": permissions.decides_for(user, entry),
            "removal_form": forms.RemovalForm(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct an entry's facts with a reason; the old values stay in its history."""
    entry = selectors.get_entry_for(request.user, pk)
    if not permissions.can_correct_entry(request.user, entry):
        raise PermissionDenied
    form = forms.CorrectionForm(request.POST or None, instance=entry)
    return edit_versioned(
        request,
        form=form,
        run=lambda: services.correct_entry(
            actor=request.user,
            entry=entry,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
            reason=form.cleaned_data["reason"],
        ),
        template="persons_of_concern/entry_correct.html",
        context={"entry": entry, "max_term_days": services.max_term_days()},
        done_url=reverse("persons_of_concern:entry_detail", args=[entry.pk]),
        done_message=_("The entry was corrected; the old values are kept in its history."),
        show_stored=False,
    )


@login_required
@require_http_methods(["GET", "POST"])
def objection_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an objection by the listed person or their lawyer."""
    entry = selectors.get_entry_for(request.user, pk)
    if not permissions.can_record_objection(request.user, entry):
        raise PermissionDenied
    form = forms.ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved, _stale = call_service(
            form, lambda: services.record_objection(actor=request.user, entry=entry, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("The objection was recorded."))
            return redirect("persons_of_concern:entry_detail", pk=entry.pk)
    return render(request, "persons_of_concern/objection_form.html", {"entry": entry, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def objection_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposing court's office or leaders decide an objection, with a reason."""
    objection = selectors.get_objection_for(request.user, pk)
    if not permissions.can_decide_objection(request.user, objection):
        raise PermissionDenied
    form = forms.DecisionForm(request.POST or None, initial={"version": objection.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved, _stale = call_service(
            form,
            lambda: services.decide_objection(
                actor=request.user,
                objection=objection,
                expected_version=data["version"],
                decision=data["decision"],
                reason=data["reason"],
            ),
        )
        if saved is not None:
            messages.success(request, _("The decision was recorded."))
            return redirect("persons_of_concern:entry_detail", pk=objection.entry_id)
    return render(
        request,
        "persons_of_concern/objection_decide.html",
        {"objection": objection, "entry": objection.entry, "form": form},
    )


@login_required
@require_POST
def entry_approve(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.get_entry_for(request.user, pk)
    if not permissions.can_approve_entry(request.user, entry):
        raise PermissionDenied
    one_click(
        request, lambda: services.approve_entry(actor=request.user, entry=entry), _("The entry was approved.")
    )
    return redirect("persons_of_concern:entry_detail", pk=entry.pk)


@login_required
@require_POST
def entry_remove(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.get_entry_for(request.user, pk)
    if not permissions.can_remove_entry(request.user, entry):
        raise PermissionDenied
    form = forms.RemovalForm(request.POST)
    if form.is_valid():
        saved, _stale = call_service(
            form,
            lambda: services.remove_entry(
                actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
            ),
        )
        if saved is not None:
            messages.success(request, _("The entry was removed from the list."))
            return redirect("persons_of_concern:entry_detail", pk=entry.pk)
    for errors in form.errors.values():
        messages.error(request, " ".join(str(e) for e in errors))
    return redirect("persons_of_concern:entry_detail", pk=entry.pk)


@login_required
def entry_export(request: HttpRequest) -> HttpResponse:
    if not permissions.can_export(request.user):
        raise PermissionDenied
    content = services.export_controlled_list(actor=request.user, entries=selectors.entries_for(request.user))
    return xlsx_response(content, "controlled-list.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def log_list(request: HttpRequest) -> HttpResponse:
    """Department logs: readers see every court's, filing clerks and division chiefs
    their own court's; each adds lines for departments of their courts."""
    if not permissions.can_keep_logs(request.user):
        raise PermissionDenied
    form = forms.LogForm(
        request.POST or None,
        court_ids=permissions.log_court_ids(request.user),
        persons=selectors.persons_for(request.user) if permissions.can_read(request.user) else None,
    )
    if request.method == "POST" and form.is_valid():
        saved, _stale = call_service(
            form, lambda: services.add_department_log(actor=request.user, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("The log entry was added."))
            return redirect("persons_of_concern:log_list")
    page = Paginator(selectors.logs_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "persons_of_concern/log_list.html",
        {"logs": page, "page": page, "form": form, "can_read": permissions.can_read(request.user)},
    )


@login_required
def log_export(request: HttpRequest) -> HttpResponse:
    if not permissions.can_export_logs(request.user):
        raise PermissionDenied
    content = services.export_department_logs(actor=request.user, logs=selectors.logs_for(request.user))
    return xlsx_response(content, "department-logs.xlsx")
