"""Pages of persons of concern and the controlled list (A15): thin; changes go through
services, reads through selectors; every entry view is logged by services.open_entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.core.exports import xlsx_response
from benchguard.core.forms import service_arguments
from benchguard.core.views import (
    form_action,
    form_page_action,
    list_page_action,
    one_click,
    paginated,
    row_page,
)
from benchguard.persons_of_concern import forms, matching, permissions, selectors, services
from benchguard.persons_of_concern.models import ControlledListEntry, EntryObjection, PersonOfConcern

PAGE_SIZE = 50


def _reader(request: HttpRequest) -> None:
    if not permissions.can_read(request.user):
        raise PermissionDenied


def _person_url(person: Any) -> str:
    return reverse("persons_of_concern:person_detail", args=[person.pk])


def _entry_url(entry: Any) -> str:
    return reverse("persons_of_concern:entry_detail", args=[entry.pk])


def _page_about(
    request: HttpRequest,
    record: PersonOfConcern | ControlledListEntry,
    form: BaseForm,
    run: Callable[[dict[str, Any]], Any],
    *,
    template: str,
    **kwargs: Any,
) -> HttpResponse:
    """A page of one form about a person or an entry (core.views.form_page_action): its
    Cancel leads back to the record's page; `template` (in persons_of_concern/) shows the
    record as `person` or `entry`."""
    about: dict[str, Any]  # the record, by the name the template knows it by
    if isinstance(record, ControlledListEntry):
        back, about = _entry_url(record), {"entry": record}
    else:
        back, about = _person_url(record), {"person": record}
    return form_page_action(
        request, form, run, back=back, template=f"persons_of_concern/{template}", **about, **kwargs
    )


def _back_with_errors(request: HttpRequest, url: str) -> Callable[..., HttpResponse]:
    """The `page` of a small form posted from another page (a person's names, an entry's
    removal): back to that page, with what was wrong as messages."""

    def page(form: BaseForm, current: Any = None) -> HttpResponse:
        for errors in form.errors.values():
            messages.error(request, " ".join(str(e) for e in errors))
        return redirect(url)

    return page


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
    return form_page_action(
        request,
        form,
        lambda _data: services.create_person(actor=request.user, **form.service_kwargs()),
        done=_("The person of concern was recorded."),
        then=_person_url,
        title=_("Record a person of concern"),
        back=reverse("persons_of_concern:person_list"),
        template="persons_of_concern/person_create.html",
    )


@login_required
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The incidents behind the person are loaded from the register (incidents.partials).
    person = selectors.get_person_for(request.user, pk)
    return render(
        request,
        "persons_of_concern/person_detail.html",
        {
            "person": person,
            "name_form": forms.NameForm(),
            "document_form": forms.DocumentForm(),
            "phone_form": forms.PhoneForm(),
        },
    )


@row_page(selectors.get_person_for, permissions.can_edit_person)
def person_edit(request: HttpRequest, person: PersonOfConcern) -> HttpResponse:
    form = forms.PersonForm(request.POST or None, instance=person)
    return _page_about(
        request,
        person,
        form,
        lambda _data: services.update_person(actor=request.user, person=person, **form.edit()),
        done=_("The changes were saved."),
        title=_("Edit"),
        template="person_form.html",
    )


# What the person's page adds (URL names add_name, add_document, add_phone): the form
# and the service it goes to.
_ADDITIONS: dict[str, tuple[type[BaseForm], Callable[..., Any]]] = {
    "name": (forms.NameForm, services.add_name),
    "document": (forms.DocumentForm, services.add_document),
    "phone": (forms.PhoneForm, lambda *, phone, **kwargs: services.add_phone(number=phone, **kwargs)),
}


@login_required
@require_POST
def add_to_person(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """A name, identity document or phone number added from the person's page."""
    person = selectors.get_person_for(request.user, pk)
    if not permissions.can_edit_person(request.user, person):
        raise PermissionDenied
    form_class, add = _ADDITIONS[what]
    return form_action(
        request,
        form_class(request.POST),
        lambda data: add(actor=request.user, person=person, **data),
        done=_("Saved."),
        then=_person_url(person),
        page=_back_with_errors(request, _person_url(person)),
    )


@row_page(selectors.get_person_for, permissions.can_propose)
def propose_entry(request: HttpRequest, person: PersonOfConcern) -> HttpResponse:
    """The proposal page: the entry's facts and the incidents and log lines it cites."""
    form = forms.EntryForm(request.POST or None, person=person)
    return _page_about(
        request,
        person,
        form,
        lambda _data: services.propose_entry(actor=request.user, person=person, **form.service_kwargs()),
        done=_("The entry was proposed; it matches once approved."),
        then=_entry_url,
        title=_("Propose for the controlled list"),
        template="entry_propose.html",
        max_term_days=services.max_term_days(),
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
    form = forms.EntryFilterForm(request.GET or None)
    entries = selectors.entries_for(request.user)
    if form.is_bound:
        entries = (
            selectors.filter_entries(entries, **form.cleaned_data)
            if form.is_valid()
            else ControlledListEntry.objects.none()
        )
    listing = paginated(request, entries, PAGE_SIZE)
    return render(
        request,
        "persons_of_concern/entry_list.html",
        {
            "form": form,
            "entries": listing["page"],
            **listing,
            "can_export": permissions.can_export(request.user),
        },
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


@row_page(selectors.get_entry_for, permissions.can_correct_entry)
def entry_correct(request: HttpRequest, entry: ControlledListEntry) -> HttpResponse:
    """Correct an entry's facts with a reason; the old values stay in its history."""
    form = forms.CorrectionForm(request.POST or None, instance=entry)
    return _page_about(
        request,
        entry,
        form,
        lambda data: services.correct_entry(
            actor=request.user, entry=entry, reason=data["reason"], **form.edit()
        ),
        done=_("The entry was corrected; the old values are kept in its history."),
        title=_("Correct the entry"),
        template="entry_correct.html",
        show_stored=False,
        max_term_days=services.max_term_days(),
    )


@row_page(selectors.get_entry_for, permissions.can_record_objection)
def objection_add(request: HttpRequest, entry: ControlledListEntry) -> HttpResponse:
    """Record an objection by the listed person or their lawyer."""
    return _page_about(
        request,
        entry,
        forms.ObjectionForm(request.POST or None),
        lambda data: services.record_objection(actor=request.user, entry=entry, **data),
        done=_("The objection was recorded."),
        title=_("Record an objection"),
        template="objection_form.html",
    )


@row_page(selectors.get_objection_for, permissions.can_decide_objection)
def objection_decide(request: HttpRequest, objection: EntryObjection) -> HttpResponse:
    """The proposing court's office or leaders decide an objection, with a reason."""
    return _page_about(
        request,
        objection.entry,
        forms.DecisionForm(request.POST or None, initial={"version": objection.version}),
        lambda data: services.decide_objection(
            actor=request.user, objection=objection, **service_arguments(data)
        ),
        done=_("The decision was recorded."),
        title=_("Decide the objection"),
        template="objection_decide.html",
        objection=objection,
    )


@row_page(selectors.get_entry_for, permissions.can_approve_entry, methods=["POST"])
def entry_approve(request: HttpRequest, entry: ControlledListEntry) -> HttpResponse:
    one_click(
        request, lambda: services.approve_entry(actor=request.user, entry=entry), _("The entry was approved.")
    )
    return redirect(_entry_url(entry))


@row_page(selectors.get_entry_for, permissions.can_remove_entry, methods=["POST"])
def entry_remove(request: HttpRequest, entry: ControlledListEntry) -> HttpResponse:
    return form_action(
        request,
        forms.RemovalForm(request.POST),
        lambda data: services.remove_entry(actor=request.user, entry=entry, reason=data["reason"]),
        done=_("The entry was removed from the list."),
        then=_entry_url(entry),
        page=_back_with_errors(request, _entry_url(entry)),
    )


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

    return list_page_action(
        request,
        form,
        lambda data: services.add_department_log(actor=request.user, **data),
        done=_("The log entry was added."),
        then=reverse("persons_of_concern:log_list"),
        rows=selectors.logs_for(request.user),
        template="persons_of_concern/log_list.html",
        per_page=PAGE_SIZE,
        can_read=permissions.can_read(request.user),
    )


@login_required
def log_export(request: HttpRequest) -> HttpResponse:
    if not permissions.can_export_logs(request.user):
        raise PermissionDenied
    content = services.export_department_logs(actor=request.user, logs=selectors.logs_for(request.user))
    return xlsx_response(content, "department-logs.xlsx")
