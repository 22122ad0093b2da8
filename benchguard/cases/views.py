"""Pages of cases (A14): the list, a case with its parties, filing, editing, adding a
party. Thin: services change, selectors read."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
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
from benchguard.cases.tiers import next_tiers
from benchguard.core.exports import xlsx_response
from benchguard.core.forms import service_arguments
from benchguard.core.views import form_page_action, one_click, paginated, posted_version, row_page
from benchguard.organization.models import Court

PAGE_SIZE = 50


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    """The cases the user reads, newest filed first; search by number or party."""
    if not permissions.can_list(request.user):
        raise PermissionDenied
    search = forms.CaseSearchForm(request.GET or None)
    filters: dict[str, Any] = {}
    if search.is_valid():
        data = search.cleaned_data
        filters = {"query": data["q"], "stage": data["stage"], "level": data["level"], "court": data["court"]}
    cases = selectors.cases_for(request.user, **filters)
    return render(
        request,
        "cases/case_list.html",
        {
            "search": search,
            "court_filter": Court.objects.filter(pk=filters["court"]).first()
            if filters.get("court")
            else None,
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
            "risk": selectors.risk_of(request.user, case),
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


@row_page(selectors.get_case_for, permissions.can_keep)
def case_panel(request: HttpRequest, case: Case) -> HttpResponse:
    form = forms.PanelForm(request.POST or None, case=case)
    return form_page_action(
        request,
        form,
        lambda data: services.set_panel(actor=request.user, case=case, panel=data["panel"]),
        done=_("The panel was saved."),
        title=_("The panel of %(number)s") % {"number": case.number},
        back=reverse("cases:case_detail", args=[case.pk]),
        submit=_("Save the panel"),
    )


@row_page(selectors.get_party_for, lambda user, party: permissions.can_keep(user, party.case))
def party_edit(request: HttpRequest, party: Any) -> HttpResponse:
    form = forms.PartyCorrectionForm(request.POST or None, party=party)
    return form_page_action(
        request,
        form,
        lambda data: services.correct_party(actor=request.user, party=party, **service_arguments(data)),
        done=_("The party was corrected and screened again where needed."),
        title=_("Correct a party of %(number)s") % {"number": party.case.number},
        back=reverse("cases:case_detail", args=[party.case_id]),
        submit=_("Save the party"),
    )


@row_page(selectors.get_party_for, lambda user, party: permissions.can_keep(user, party.case))
def party_remove(request: HttpRequest, party: Any) -> HttpResponse:
    form = forms.PartyRemovalForm(request.POST or None)
    return form_page_action(
        request,
        form,
        lambda data: services.remove_party(actor=request.user, party=party, **data),
        done=_("The party was removed from the case; the record keeps it."),
        title=_("Remove %(name)s from %(number)s") % {"name": party.name, "number": party.case.number},
        back=reverse("cases:case_detail", args=[party.case_id]),
        submit=_("Remove the party"),
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


# Risk (A14, A16) ------------------------------------------------------------------------


def _back(case: Case) -> str:
    return reverse("cases:case_detail", args=[case.pk])


def _risk_form(
    request: HttpRequest, case: Case, form: Any, run: Any, *, done: str, title: str, submit: str
) -> HttpResponse:
    return form_page_action(
        request,
        form,
        run,
        done=done,
        title=title % {"number": case.number},
        back=_back(case),
        submit=submit,
    )


@row_page(selectors.get_case_for, permissions.can_flag)
def case_flag(request: HttpRequest, case: Case) -> HttpResponse:
    form = forms.FlagForm(request.POST or None, initial={"flags": list(case.risk_flags.all())})
    return _risk_form(
        request,
        case,
        form,
        lambda data: services.flag_case(actor=request.user, case=case, **data),
        done=_("The flags were saved; the judge and the division chief are alerted."),
        title=_("Risk flags of %(number)s"),
        submit=_("Save the flags"),
    )


@row_page(selectors.get_case_for, permissions.can_propose_level)
def case_propose_level(request: HttpRequest, case: Case) -> HttpResponse:
    form = forms.LevelForm(request.POST or None)
    return _risk_form(
        request,
        case,
        form,
        lambda data: services.propose_level(actor=request.user, case=case, **data),
        done=_("Your proposal was sent to the division chief."),
        title=_("Propose a risk level for %(number)s"),
        submit=_("Propose"),
    )


@row_page(selectors.get_case_for, permissions.can_set_level)
def case_set_level(request: HttpRequest, case: Case) -> HttpResponse:
    form = forms.LevelForm(request.POST or None, initial={"level": case.proposed_level or case.risk_level})
    return _risk_form(
        request,
        case,
        form,
        lambda data: services.set_level(actor=request.user, case=case, **data),
        done=_("The risk level was set."),
        title=_("Set the risk level of %(number)s"),
        submit=_("Set the level"),
    )


@row_page(selectors.get_case_for, permissions.can_move_stage)
def case_move_stage(request: HttpRequest, case: Case) -> HttpResponse:
    form = forms.StageForm(request.POST or None, case=case)
    return _risk_form(
        request,
        case,
        form,
        lambda data: services.move_stage(actor=request.user, case=case, **service_arguments(data)),
        done=_("The case moved to its next stage."),
        title=_("Move %(number)s to its next stage"),
        submit=_("Move the case"),
    )


@row_page(selectors.get_case_for, permissions.can_write_plan)
def plan_edit(request: HttpRequest, case: Case) -> HttpResponse:
    plan = selectors.risk_of(request.user, case).plan
    form = forms.PlanForm(request.POST or None, case=case, plan=plan)
    return _risk_form(
        request,
        case,
        form,
        lambda data: services.save_plan(actor=request.user, case=case, **service_arguments(data)),
        done=_("The contingency plan was saved; a leader approves it."),
        title=_("Contingency plan of %(number)s"),
        submit=_("Save the plan"),
    )


@row_page(
    selectors.get_plan_for, lambda user, plan: permissions.can_approve_plan(user, plan.case), methods=["POST"]
)
def plan_approve(request: HttpRequest, plan: Any) -> HttpResponse:
    one_click(
        request,
        lambda: services.approve_plan(
            actor=request.user, plan=plan, expected_version=posted_version(request)
        ),
        done=_("The contingency plan was approved."),
    )
    return redirect("cases:case_detail", plan.case_id)


@row_page(selectors.get_alert_for, methods=["POST"])
def alert_acknowledge(request: HttpRequest, alert: Any) -> HttpResponse:
    one_click(
        request,
        lambda: services.acknowledge_alert(actor=request.user, alert=alert),
        done=_("The alert was acknowledged."),
    )
    return redirect("cases:case_detail", alert.case_id)


@row_page(selectors.get_case_for, permissions.can_report)
def report_send(request: HttpRequest, case: Case) -> HttpResponse:
    form = forms.ReportForm(request.POST or None)
    return _risk_form(
        request,
        case,
        form,
        lambda data: services.send_report(actor=request.user, case=case, **data),
        done=_("The report was sent to the next level up."),
        title=_("Report %(number)s upward"),
        submit=_("Send the report"),
    )


@row_page(selectors.get_report_for, methods=["POST"])
def report_acknowledge(request: HttpRequest, report: Any) -> HttpResponse:
    one_click(
        request,
        lambda: services.acknowledge_report(actor=request.user, report=report),
        done=_("The report was acknowledged."),
    )
    return redirect("cases:case_detail", report.case_id)


@row_page(selectors.get_report_for, lambda user, report: permissions.can_pass_on(user, report))
def report_pass_on(request: HttpRequest, report: Any) -> HttpResponse:
    form = forms.PassOnForm(
        request.POST or None, tiers=next_tiers(report.tier), initial={"summary": report.summary}
    )
    return _risk_form(
        request,
        report.case,
        form,
        lambda data: services.pass_on_report(actor=request.user, report=report, **data),
        done=_("The report was passed on."),
        title=_("Pass the report on %(number)s on"),
        submit=_("Pass it on"),
    )


@row_page(selectors.get_report_for, lambda user, report: permissions.can_receive_for(user, report))
def report_receipt(request: HttpRequest, report: Any) -> HttpResponse:
    form = forms.ReceiptForm(request.POST or None)
    return _risk_form(
        request,
        report.case,
        form,
        lambda data: services.record_receipt(actor=request.user, report=report, **data),
        done=_("The receipt was recorded."),
        title=_("The political-legal committee's receipt of the report on %(number)s"),
        submit=_("Record the receipt"),
    )


@row_page(selectors.get_case_for, permissions.can_intervene)
def case_intervene(request: HttpRequest, case: Case) -> HttpResponse:
    if case.intervention_id is not None:  # intervened already: its matter, not the form again
        messages.info(request, _("The committee already intervened in this case: here is its matter."))
        return redirect("matters:detail", case.intervention_id)
    form = forms.InterveneForm(request.POST or None)
    return form_page_action(
        request,
        form,
        lambda data: services.intervene(actor=request.user, case=case, **data),
        done=_("The committee's matter was opened."),
        then=lambda matter: reverse("matters:detail", args=[matter.pk]),
        title=_("The committee intervenes in %(number)s") % {"number": case.number},
        back=_back(case),
        submit=_("Open the committee's matter"),
    )


@row_page(selectors.get_case_for, permissions.can_draft_statement)
def statement_draft(request: HttpRequest, case: Case) -> HttpResponse:
    form = forms.StatementForm(request.POST or None)
    return _risk_form(
        request,
        case,
        form,
        lambda data: services.draft_statement(actor=request.user, case=case, **data),
        done=_("The statement was drafted; a leader signs it off before it is published."),
        title=_("Draft a public statement on %(number)s"),
        submit=_("Save the draft"),
    )


@row_page(
    selectors.get_statement_for,
    lambda user, statement: permissions.can_sign_off_statement(user, statement.case),
)
def statement_sign_off(request: HttpRequest, statement: Any) -> HttpResponse:
    form = forms.SignOffForm(request.POST or None, initial={"version": statement.version})
    return _risk_form(
        request,
        statement.case,
        form,
        lambda data: services.sign_off_statement(
            actor=request.user, statement=statement, **service_arguments(data)
        ),
        done=_("The statement was signed off."),
        title=_("Sign off a statement on %(number)s"),
        submit=_("Sign it off"),
    )


@row_page(
    selectors.get_statement_for,
    lambda user, statement: permissions.can_publish_statement(user, statement.case),
    methods=["POST"],
)
def statement_publish(request: HttpRequest, statement: Any) -> HttpResponse:
    one_click(
        request,
        lambda: services.publish_statement(
            actor=request.user, statement=statement, expected_version=posted_version(request)
        ),
        done=_("The statement is recorded as published."),
    )
    return redirect("cases:case_detail", statement.case_id)


@login_required
@require_GET
def watch_list(request: HttpRequest) -> HttpResponse:
    """Key cases for the court's leaders (A16): those at a level that needs a plan."""
    if not permissions.can_watch(request.user):
        raise PermissionDenied
    cases = selectors.watched_cases(request.user)
    return render(
        request,
        "cases/watch_list.html",
        {
            **paginated(request, cases, PAGE_SIZE),
            "key_persons": services.open_key_persons(actor=request.user, cases=cases.values("pk")),
            "names_persons": permissions.can_see_who_was_found(request.user),
        },
    )
