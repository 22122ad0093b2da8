"""Pages of the privacy area (A18): thin; changes go through services, reads through
selectors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BaseForm
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from benchguard.cases.models import Case
from benchguard.core.access import court_ids_with
from benchguard.core.forms import call_with_form
from benchguard.core.uploads import file_response
from benchguard.core.views import form_page_action, one_click, paginated, row_page
from benchguard.matters import sources
from benchguard.organization.models import Court, Person
from benchguard.privacy import forms, permissions, selectors, services
from benchguard.privacy.choices import CaseKind, CaseStatus, NoticeStatus
from benchguard.privacy.models import ExposureCase, TakedownNotice

PAGE_SIZE = 50


def _case_url(row: ExposureCase) -> str:
    return reverse("privacy:case_detail", args=[row.pk])


def _notice_url(notice: TakedownNotice) -> str:
    return reverse("privacy:notice_detail", args=[notice.pk])


@login_required
@require_GET
def case_list(request: HttpRequest) -> HttpResponse:
    if not permissions.can_read_register(request.user):
        raise PermissionDenied
    form = forms.CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.cases_for(
        request.user, kind=filters.get("kind") or "", status=filters.get("status") or ""
    )
    overdue, overdue_count = selectors.overdue_notices_for(request.user)
    return render(
        request,
        "privacy/case_list.html",
        {
            "form": form,
            "can_register": permissions.can_register(request.user),
            "overdue": overdue,
            "overdue_count": overdue_count,
            "keeps_settings": bool(court_ids_with(request.user, permissions.KEEPERS)),
            **paginated(request, rows, PAGE_SIZE),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_register(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not permissions.can_register(user):
        raise PermissionDenied
    courts = Court.objects.filter(pk__in=court_ids_with(user, permissions.INTERNAL_KEEPERS))
    form = forms.RegisterCaseForm(
        request.POST or None,
        courts=courts,
        people=Person.objects.filter(court__in=courts, is_active=True).order_by("name", "id"),
        cases=Case.objects.visible_to(user).filter(court__in=courts),
        initial={"found_on": timezone.localdate(), "court": courts.first()},
        kinds=[kind for kind in CaseKind.values if permissions.can_register(user, None, kind)],
    )
    return form_page_action(
        request,
        form,
        lambda data: services.register_case(actor=user, **data),
        done=_("The exposure case was registered."),
        then=_case_url,
        title=_("Register an exposure case"),
        back=reverse("privacy:case_list"),
        submit=_("Register the case"),
    )


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.get_case_for(request.user, pk)
    user = request.user
    keep = permissions.can_keep(user, row)
    is_open = row.status == CaseStatus.OPEN
    pending = row.notices.filter(status__in=services.PENDING_NOTICES).count() if is_open else 0
    return render(
        request,
        "privacy/case_detail.html",
        {
            "row": row,
            "evidence": row.evidence.select_related("uploaded_by"),
            "notices": selectors.notices_of(row),
            "can_keep": keep and is_open,
            "can_close": keep and is_open and not pending,
            "notices_pending": pending if keep else 0,
            "can_read_all": permissions.can_read_all(user, row),
            "can_send": permissions.can_send_notices(user, row) and row.status == CaseStatus.OPEN,
            "matter": sources.opened_matter(row),
            "can_open_matter": permissions.can_open_matter(user, row),
        },
    )


def _may_keep(user: Any, row: ExposureCase) -> bool:
    return permissions.can_keep(user, row)


def _may_send(user: Any, row: ExposureCase) -> bool:
    return permissions.can_send_notices(user, row)


@row_page(selectors.get_case_for, _may_keep)
def case_evidence(request: HttpRequest, row: ExposureCase) -> HttpResponse:
    form = forms.EvidenceForm(request.POST or None, request.FILES or None)
    return form_page_action(
        request,
        form,
        lambda data: services.add_evidence(
            actor=request.user,
            exposure=row,
            upload=data["file"],
            captured_at=data["captured_at"],
            url=data["url"],
        ),
        done=_("The evidence was kept."),
        title=_("Add evidence"),
        back=_case_url(row),
        template="privacy/upload_form.html",
        submit=_("Keep the evidence"),
    )


@login_required
@require_GET
def evidence_file(request: HttpRequest, pk: int, file_pk: int) -> FileResponse:
    row = selectors.get_case_for(request.user, pk)
    if not permissions.can_read_all(request.user, row):
        raise PermissionDenied
    found = get_object_or_404(row.evidence, pk=file_pk)
    return file_response(found.file, filename=found.name, content_type=found.content_type)


@row_page(selectors.get_case_for, _may_keep)
def case_close(request: HttpRequest, row: ExposureCase) -> HttpResponse:
    form = forms.CloseCaseForm(request.POST or None, initial={"version": row.version})
    return form_page_action(
        request,
        form,
        call_with_form(services.close_case, actor=request.user, exposure=row),
        done=_("The case was closed."),
        title=_("Close the case"),
        back=_case_url(row),
        submit=_("Close the case"),
    )


@login_required
@require_POST
def case_open_matter(request: HttpRequest, pk: int) -> HttpResponse:
    row = selectors.get_case_for(request.user, pk)
    if not permissions.can_open_matter(request.user, row):
        raise PermissionDenied
    one_click(
        request,
        lambda: services.open_matter(actor=request.user, exposure=row),
        _("A committee matter was opened from the case."),
    )
    return redirect(_case_url(row))


@login_required
@require_GET
def case_access_log(request: HttpRequest, pk: int) -> HttpResponse:
    """An internal case's access log of the person's private record: as kept when the
    investigation opened, and as it stands now (the look is logged)."""
    row = selectors.get_case_for(request.user, pk)
    log = services.open_access_log(actor=request.user, exposure=row)
    return render(request, "privacy/access_log.html", {"row": row, **log})


@row_page(selectors.get_case_for, _may_send)
def notice_draft(request: HttpRequest, row: ExposureCase) -> HttpResponse:
    form = forms.DraftNoticeForm(
        request.POST or None, initial={"recipient": row.platform, "notifier": "court"}
    )
    return form_page_action(
        request,
        form,
        call_with_form(services.draft_notice, actor=request.user, exposure=row),
        done=_("The takedown notice was drafted from the court's template."),
        then=_notice_url,
        title=_("Draft a takedown notice"),
        back=_case_url(row),
        template="privacy/draft_form.html",
        submit=_("Draft the notice"),
        no_evidence=not row.evidence.exists(),
    )


@login_required
@require_GET
def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    notice = selectors.get_notice_for(request.user, pk)
    send = permissions.can_send_notices(request.user, notice.exposure)
    send = send and notice.exposure.status == CaseStatus.OPEN
    status = notice.status
    lacking = services.missing_evidence(notice) if send and status == NoticeStatus.DRAFTED else ""
    return render(
        request,
        "privacy/notice_detail.html",
        {
            "notice": notice,
            "row": notice.exposure,
            "history": notice.transitions.select_related("by"),
            "can_edit": send and status == NoticeStatus.DRAFTED,
            "can_send": send and status == NoticeStatus.DRAFTED and not lacking,
            "missing_evidence": lacking,
            "can_withdraw": send and status == NoticeStatus.DRAFTED,
            "can_acknowledge": send and status == NoticeStatus.SENT,
            "can_answer": send and status in (NoticeStatus.SENT, NoticeStatus.ACKNOWLEDGED),
            "can_escalate": send
            and status in (NoticeStatus.SENT, NoticeStatus.ACKNOWLEDGED, NoticeStatus.REFUSED),
        },
    )


@login_required
@require_GET
def notice_print(request: HttpRequest, pk: int) -> HttpResponse:
    notice = selectors.get_notice_for(request.user, pk)
    return render(request, "privacy/notice_print.html", {"notice": notice})


def _notice_may(user: Any, notice: TakedownNotice) -> bool:
    return permissions.can_send_notices(user, notice.exposure)


def _notice_form(
    request: HttpRequest, notice: TakedownNotice, form: BaseForm, service: Callable[..., Any], **kwargs: Any
) -> HttpResponse:
    return form_page_action(
        request,
        form,
        call_with_form(service, actor=request.user, notice=notice),
        back=_notice_url(notice),
        **kwargs,
    )


_notice_page = row_page(selectors.get_notice_for, _notice_may)


@_notice_page
def notice_edit(request: HttpRequest, notice: TakedownNotice) -> HttpResponse:
    form = forms.EditNoticeForm(
        request.POST or None, initial={"version": notice.version, "body": notice.body}
    )
    return _notice_form(
        request, notice, form, services.edit_notice, done=_("The notice was saved."),
        title=_("Edit the takedown notice"), submit=_("Save the notice"),
    )  # fmt: skip


def _notice_step(form_class: type[BaseForm], service: Callable[..., Any], **words: Any) -> Any:
    """One move of a notice (sent, acknowledged, removed, refused, escalated, withdrawn):
    its form, its service and its words; the version guards against a stale move."""

    @_notice_page
    def view(request: HttpRequest, notice: TakedownNotice) -> HttpResponse:
        form = form_class(request.POST or None, initial={"version": notice.version})
        return _notice_form(request, notice, form, service, **words)

    return view


notice_send = _notice_step(
    forms.SendNoticeForm, services.send_notice, done=gettext_lazy("The notice was recorded as sent."),
    title=gettext_lazy("Record the notice as sent"), submit=gettext_lazy("Record as sent"),
)  # fmt: skip
notice_acknowledged = _notice_step(
    forms.NoteForm, services.record_acknowledged, done=gettext_lazy("The acknowledgement was recorded."),
    title=gettext_lazy("Record the platform's acknowledgement"),
    submit=gettext_lazy("Record the acknowledgement"),
)  # fmt: skip
notice_removed = _notice_step(
    forms.NoteForm, services.record_removed, done=gettext_lazy("The removal was recorded."),
    title=gettext_lazy("Record that the data was removed"), submit=gettext_lazy("Record the removal"),
)  # fmt: skip
notice_refused = _notice_step(
    forms.RefusedForm, services.record_refused, done=gettext_lazy("The refusal was recorded."),
    title=gettext_lazy("Record the platform's refusal"), submit=gettext_lazy("Record the refusal"),
)  # fmt: skip
notice_escalate = _notice_step(
    forms.EscalateForm, services.escalate_notice, done=gettext_lazy("The notice was escalated."),
    title=gettext_lazy("Escalate to the internet regulator or the police"),
    submit=gettext_lazy("Escalate the notice"),
)  # fmt: skip
notice_withdraw = _notice_step(
    forms.NoteForm, services.withdraw_notice, done=gettext_lazy("The notice was withdrawn."),
    title=gettext_lazy("Withdraw the notice (never sent)"), submit=gettext_lazy("Withdraw the notice"),
)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest) -> HttpResponse:
    """The office's internal follow-up targets and notice template, for its court [U]."""
    ids = court_ids_with(request.user, permissions.KEEPERS)
    if not ids:
        raise PermissionDenied
    court = Court.objects.filter(pk__in=ids).order_by("id").first()
    assert court is not None
    current = services.settings_for(court)
    form = forms.SettingsForm(
        request.POST or None, instance=current, initial={"version": current.version or 1}
    )
    return form_page_action(
        request,
        form,
        lambda data: services.update_settings(actor=request.user, court=court, **form.edit()),
        done=_("The settings were saved."),
        title=_("Follow-up targets for takedown notices"),
        back=reverse("privacy:case_list"),
        template="privacy/settings_form.html",
        submit=_("Save the settings"),
        court=court,
    )
