"""Pages of the interference area (A7): thin; changes go through services, reads through
selectors, and every look at an entry is logged by the services (open_entry,
list_entries, open_report)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from benchguard.committee.models import Resolution
from benchguard.core.exports import xlsx_response
from benchguard.core.forms import call_with_form
from benchguard.core.uploads import file_response
from benchguard.core.views import form_page_action, one_click, paginated, posted_version, row_page
from benchguard.interference import forms, permissions, selectors, services
from benchguard.interference.choices import ActionStatus, ReportStatus
from benchguard.interference.models import Entry, PersonnelAction, QuarterReport
from benchguard.interference.services.reports import (
    happened_since_generated,
    parent_has_keeper,
    recorded_late,
)
from benchguard.matters import sources
from benchguard.organization.models import Person

PAGE_SIZE = 50


def _entry_url(entry: Entry) -> str:
    return reverse("interference:entry_detail", args=[entry.pk])


# --- The register ----------------------------------------------------------------------


@login_required
@require_GET
def entry_list(request: HttpRequest) -> HttpResponse:
    """The entries the user reads, newest first; the entries shown are logged."""
    if not permissions.can_read_register(request.user):
        raise PermissionDenied
    form = forms.EntryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.entries_for(
        request.user,
        method=filters.get("way") or "",
        affected=bool(filters.get("affected")),
        referred=bool(filters.get("referred")),
    )
    listing = paginated(request, rows, PAGE_SIZE)
    services.list_entries(actor=request.user, entries=list(listing["page"]))
    return render(
        request,
        "interference/entry_list.html",
        {"form": form, "can_record": permissions.can_record(request.user), **listing},
    )


@login_required
@require_http_methods(["GET", "POST"])
def entry_record(request: HttpRequest) -> HttpResponse:
    if not permissions.can_record(request.user):
        raise PermissionDenied
    judges = selectors.recordable_judges_for(request.user)
    mine = judges.filter(account_id=request.user.pk or 0).first()
    form = forms.EntryForm(
        request.POST or None,
        request.FILES or None,
        judges=judges,
        initial={
            "judge": mine.pk if mine else None,
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        },
    )
    return form_page_action(
        request,
        form,
        lambda _data: services.record_entry(actor=request.user, **form.service_data()),
        done=_("The attempt was recorded in the register. It can no longer be changed or deleted."),
        then=_entry_url,
        title=_("Record an attempt to influence a case"),
        back=reverse("interference:entry_list"),
        template="interference/entry_form.html",
        submit=_("Record the attempt"),
    )


@login_required
@require_GET
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = services.open_entry(actor=request.user, entry=selectors.get_entry_for(request.user, pk))
    facts = selectors.entry_facts(entry)
    user = request.user
    hours = services.settings_for(entry.court_id).immediate_hours
    return render(
        request,
        "interference/entry_detail.html",
        {
            "entry": entry,
            **facts,
            "immediate_due": timezone.localtime(entry.immediate_due(hours)),
            "immediate_overdue": entry.affected_handling
            and facts["immediate"] is None
            and entry.immediate_due(hours) < timezone.now(),
            "can_amend": permissions.can_amend(user, entry),
            "can_refer": permissions.can_refer(user, entry) and facts["referral"] is None,
            "can_report": permissions.can_report_immediately(user, entry) and facts["immediate"] is None,
            "matter": sources.opened_matter(entry),
            "can_open_matter": permissions.can_open_matter(user, entry),
        },
    )


_amendable = row_page(selectors.get_entry_for, permissions.can_amend)


@_amendable
def entry_amend(request: HttpRequest, entry: Entry) -> HttpResponse:
    initial = {
        name: getattr(entry, name)
        for name in (
            "source_kind", "internal_nature", "person_name", "person_unit", "person_post", "person_contact",
            "request", "case_number", "stage", "response", "affected_handling",
        )
    }  # fmt: skip
    initial["way"] = entry.method
    initial["occurred_at"] = timezone.localtime(entry.occurred_at).strftime("%Y-%m-%dT%H:%M")
    initial["judge"] = entry.judge_id
    form = forms.AmendForm(
        request.POST or None,
        request.FILES or None,
        judges=Person.objects.filter(pk=entry.judge_id),
        initial=initial,
    )
    return form_page_action(
        request,
        form,
        lambda _data: services.amend_entry(actor=request.user, entry=entry, **form.service_data()),
        done=_("The amendment was recorded; the original entry stays as it was."),
        then=_entry_url,
        title=_("Amend entry %(number)s") % {"number": entry.number},
        back=_entry_url(entry),
        template="interference/entry_form.html",
        submit=_("Record the amendment"),
    )


@row_page(selectors.get_entry_for, permissions.can_refer)
def entry_refer(request: HttpRequest, entry: Entry) -> HttpResponse:
    form = forms.ReferForm(request.POST or None)
    return form_page_action(
        request,
        form,
        call_with_form(services.refer_entry, actor=request.user, entry=entry),
        done=_("The entry was referred to the committee."),
        then=_entry_url(entry),
        title=_("Refer entry %(number)s to the committee") % {"number": entry.number},
        back=_entry_url(entry),
        submit=_("Refer to the committee"),
    )


@row_page(selectors.get_entry_for, permissions.can_report_immediately)
def entry_report(request: HttpRequest, entry: Entry) -> HttpResponse:
    form = forms.ImmediateReportForm(request.POST or None)
    return form_page_action(
        request,
        form,
        call_with_form(services.report_immediately, actor=request.user, entry=entry),
        done=_("The immediate report was recorded."),
        then=_entry_url(entry),
        title=_("Report entry %(number)s upward") % {"number": entry.number},
        back=_entry_url(entry),
        submit=_("Record the immediate report"),
    )


@row_page(selectors.get_entry_for, permissions.can_open_matter, methods=["POST"])
def entry_open_matter(request: HttpRequest, entry: Entry) -> HttpResponse:
    matter = one_click(
        request,
        lambda: services.open_matter(actor=request.user, entry=entry),
        _("A committee matter was opened from the entry; its 30-day clock runs."),
    )
    if matter is not None:
        return redirect("matters:detail", matter.pk)
    return redirect(_entry_url(entry))


@login_required
@require_GET
def entry_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponseBase:
    found, entry = selectors.get_attachment_for(request.user, pk, attachment_pk)
    services.open_entry(actor=request.user, entry=entry)
    return file_response(found.file, filename=found.name, content_type=found.content_type)


# --- Quarterly reports ---------------------------------------------------------------------


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    rows = selectors.reports_for(request.user)
    if not (permissions.can_read_reports(request.user) or rows.exists()):
        raise PermissionDenied
    form = forms.ReportFilterForm(request.GET or None)
    late = bool(form.cleaned_data.get("late")) if form.is_valid() else False
    if late:
        rows = selectors.reports_for(request.user, late=True)
    return render(
        request,
        "interference/report_list.html",
        {"form": form, "today": timezone.localdate(), **paginated(request, rows, PAGE_SIZE)},
    )


@login_required
@require_GET
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report_for(request.user, pk)
    entries = services.open_report(actor=request.user, report=report)
    user = request.user
    in_app = parent_has_keeper(report)
    submitted = report.status == ReportStatus.SUBMITTED
    late = recorded_late(report, entries)
    can_submit = permissions.can_submit(user, report) and report.status == ReportStatus.DRAFT
    return render(
        request,
        "interference/report_detail.html",
        {
            "report": report,
            "entries": entries,
            "on_time": [entry for entry in entries if entry not in late],
            "by_right": selectors.rights_counted(report),
            "recorded_late": late,
            "happened_since": list(happened_since_generated(report)) if can_submit else [],
            "first_day": report.period[0],
            "last_day": report.period[1],
            "can_submit": can_submit,
            "can_receive": permissions.can_submit(user, report)
            and submitted
            and report.committee_received_on is None,
            "can_acknowledge": submitted
            and report.higher_acknowledged_at is None
            and (
                permissions.can_acknowledge(user, report) if in_app else permissions.can_submit(user, report)
            ),
            "higher_in_app": in_app,
        },
    )


@login_required
@require_GET
def report_export(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report_for(request.user, pk)
    content = services.export_report(actor=request.user, report=report)
    return xlsx_response(content, f"interference-{report.year}-q{report.quarter}-{report.court_id}.xlsx")


@row_page(selectors.get_report_for, permissions.can_submit, methods=["POST"])
def report_submit(request: HttpRequest, report: QuarterReport) -> HttpResponse:
    one_click(
        request,
        lambda: services.submit_report(
            actor=request.user,
            report=report,
            expected_version=posted_version(request),
            seen_late=request.POST.get("seen_late") == "on",
        ),
        _("The report was signed and submitted."),
    )
    return redirect("interference:report_detail", report.pk)


@row_page(selectors.get_report_for, permissions.can_submit)
def report_receipt(request: HttpRequest, report: QuarterReport) -> HttpResponse:
    form = forms.ReceiptForm(
        request.POST or None, initial={"version": report.version, "received_on": timezone.localdate()}
    )
    back = reverse("interference:report_detail", args=[report.pk])
    return form_page_action(
        request,
        form,
        call_with_form(services.record_committee_receipt, actor=request.user, report=report),
        done=_("The political-legal committee's receipt was recorded."),
        title=_("Record the political-legal committee's receipt"),
        back=back,
        submit=_("Record the receipt"),
    )


@login_required
@require_http_methods(["POST"])
def report_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    report = selectors.get_report_for(request.user, pk)
    one_click(
        request,
        lambda: services.acknowledge_higher(
            actor=request.user, report=report, expected_version=posted_version(request)
        ),
        _("The higher court's receipt was recorded."),
    )
    return redirect("interference:report_detail", report.pk)


# --- Personnel actions (A7.2) ----------------------------------------------------------------


@login_required
@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_actions(request.user):
        raise PermissionDenied
    form = forms.ActionFilterForm(request.GET or None)
    status = (form.cleaned_data.get("status") or "") if form.is_valid() else ""
    listing = paginated(request, selectors.actions_for(request.user, status=status), PAGE_SIZE)
    return render(
        request,
        "interference/action_list.html",
        {
            "form": form,
            "flagged": selectors.flagged_ids(request.user, list(listing["page"])),
            "can_record": permissions.can_record_action(request.user),
            **listing,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_record(request: HttpRequest) -> HttpResponse:
    if not permissions.can_record_action(request.user):
        raise PermissionDenied
    form = forms.ActionForm(request.POST or None, judges=selectors.personnel_judges_for(request.user))
    return form_page_action(
        request,
        form,
        lambda data: services.record_action(actor=request.user, **data),
        done=_("The personnel action was recorded for the committee's review."),
        then=lambda action: reverse("interference:action_detail", args=[action.pk]),
        title=_("Record a personnel action concerning a judge"),
        back=reverse("interference:action_list"),
        submit=_("Record the action"),
    )


@login_required
@require_GET
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action_for(request.user, pk)
    user = request.user
    return render(
        request,
        "interference/action_detail.html",
        {
            "action": action,
            "flag": selectors.flag_of(user, action),
            "can_prepare": permissions.can_prepare(user, action) and action.status == ActionStatus.RECORDED,
            "can_review": permissions.can_review(user, action) and action.status == ActionStatus.PREPARED,
        },
    )


def _action_url(action: PersonnelAction) -> str:
    return reverse("interference:action_detail", args=[action.pk])


@row_page(selectors.get_action_for, permissions.can_prepare)
def action_prepare(request: HttpRequest, action: PersonnelAction) -> HttpResponse:
    form = forms.PrepareForm(request.POST or None, initial={"version": action.version})
    return form_page_action(
        request,
        form,
        call_with_form(services.prepare_review, actor=request.user, action=action),
        done=_("The review was prepared for the chair."),
        title=_("Prepare the review"),
        back=_action_url(action),
        submit=_("Save the preparation"),
    )


@row_page(selectors.get_action_for, permissions.can_review)
def action_review(request: HttpRequest, action: PersonnelAction) -> HttpResponse:
    form = forms.OpinionForm(
        request.POST or None,
        initial={"version": action.version},
        resolutions=Resolution.objects.filter(meeting__court_id=action.court_id).select_related("meeting"),
    )
    return form_page_action(
        request,
        form,
        call_with_form(services.give_opinion, actor=request.user, action=action),
        done=_("The committee's opinion was recorded."),
        title=_("Give the committee's review opinion"),
        back=_action_url(action),
        submit=_("Record the opinion"),
    )
