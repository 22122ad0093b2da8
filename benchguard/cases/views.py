"""Pages of cases (A14): the list, a case with its parties, filing, editing, adding a
party. Thin: services change, selectors read."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from benchguard.cases import forms, imports, permissions, selectors, services
from benchguard.cases.choices import ImportStatus
from benchguard.cases.models import Case, CaseImport
from benchguard.core.exports import xlsx_response
from benchguard.core.views import form_page_action, one_click, paginated, row_page
from benchguard.organization.models import Court

PAGE_SIZE = 50


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases the user reads, newest filed first; search by number or party."""
    if not permissions.can_list(request.user):
        raise PermissionDenied
    search = forms.CaseSearchForm(request.GET or None)
    query, stage = "", ""
    if search.is_valid():
        query, stage = search.cleaned_data["q"], search.cleaned_data["stage"]
    cases = selectors.cases_for(request.user, query=query, stage=stage)
    return render(
        request,
        "cases/case_list.html",
        {
            "search": search,
            "can_file": permissions.can_file(request.user),
            **paginated(request, cases, PAGE_SIZE),
        },
    )


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.get_case_for(request.user, pk)
    screenings = (
        services.open_screenings(actor=request.user, case=case)
        if permissions.can_see_screening(request.user)
        else []
    )
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "can_keep": permissions.can_keep(request.user, case),
            "screenings": screenings,
            "screened": permissions.can_see_screening(request.user),
            "screened_any": any(party.screened_at for party in case.parties.all()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_file(request: HttpRequest) -> HttpResponse:
    """The filing clerk registers a case; its parties are added on its page."""
    form = forms.CaseFileForm(request.POST or None, courts=_keeper_courts(request))
    return form_page_action(
        request,
        form,
        lambda data: services.file_case(actor=request.user, **data),
        done=_("The case was registered. Add its parties now."),
        then=lambda case: reverse("cases:case_detail", args=[case.pk]),
        title=_("Register a case"),
        back=reverse("cases:case_list"),
    )


def _keeper_courts(request: HttpRequest) -> Any:
    """The courts whose cases the user files, in the usual order; 403 when none."""
    courts = Court.objects.filter(pk__in=permissions.keeper_court_ids(request.user)).order_by(
        "sort_order", "division_code"
    )
    if not courts:
        raise PermissionDenied
    return courts


@row_page(selectors.get_case_for, permissions.can_keep)
def case_edit(request: HttpRequest, case: Case) -> HttpResponse:
    form = forms.CaseEditForm(request.POST or None, instance=case)
    return form_page_action(
        request,
        form,
        lambda _data: services.update_case(actor=request.user, case=case, **form.edit()),
        done=_("The changes were saved."),
        title=_("Edit the case %(number)s") % {"number": case.number},
        back=reverse("cases:case_detail", args=[case.pk]),
        submit=_("Save the case"),
    )


@row_page(selectors.get_case_for, permissions.can_keep)
def party_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = forms.PartyForm(request.POST or None)
    return form_page_action(
        request,
        form,
        lambda data: services.add_party(actor=request.user, case=case, **data),
        done=_("The party was added and screened against the controlled list."),
        title=_("Add a party to %(number)s") % {"number": case.number},
        back=reverse("cases:case_detail", args=[case.pk]),
        submit=_("Add the party"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """The filing clerk uploads a sheet of cases; nothing is filed before its preview."""
    form = forms.CaseImportForm(request.POST or None, request.FILES or None, courts=_keeper_courts(request))
    return form_page_action(
        request,
        form,
        lambda data: services.upload_import(actor=request.user, court=data["court"], upload=data["file"]),
        done=lambda case_import: (
            _("The sheet was read. Check the preview before importing.")
            if case_import.status == ImportStatus.PENDING
            else _("The sheet has errors: nothing can be imported. Correct it and upload it again.")
        ),
        then=lambda case_import: reverse("cases:import_detail", args=[case_import.pk]),
        title=_("Import cases from a sheet"),
        back=reverse("cases:case_list"),
        template="cases/import_upload.html",
        submit=_("Read the sheet"),
        imports=selectors.recent_imports_for(request.user),
    )


@login_required
@require_GET
def import_template(request: HttpRequest) -> HttpResponse:
    """The layout of a sheet to import, with two example rows (no formulas)."""
    if not permissions.can_file(request.user):
        raise PermissionDenied
    return xlsx_response(imports.template_sheet(), "cases-import-template.xlsx")


@row_page(selectors.get_import_for, permissions.can_import, methods=["GET"])
def import_detail(request: HttpRequest, case_import: CaseImport) -> HttpResponse:
    """The preview of a pending import (the cases and parties it would file, or its
    errors by row and column), else where the import stands."""
    pending = case_import.status in (ImportStatus.PENDING, ImportStatus.INVALID)
    return render(
        request,
        "cases/import_detail.html",
        {
            "case_import": case_import,
            "sheet": imports.sheet_of(case_import) if pending else None,
            "running": case_import.status == ImportStatus.RUNNING,
        },
    )


@row_page(selectors.get_import_for, permissions.can_import, methods=["POST"])
def import_confirm(request: HttpRequest, case_import: CaseImport) -> HttpResponse:
    one_click(
        request,
        lambda: services.confirm_import(actor=request.user, case_import=case_import),
        done=_("The import has started: the cases are filed together, all or none."),
    )
    return redirect("cases:import_detail", case_import.pk)
