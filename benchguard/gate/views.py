"""Pages of the gate (A12): the gatehouse desk, a visit, the holds for the judicial
police, the day-end closing, the visits register with its counts and export, and the
checkpoint's shift log. Thin: services change, selectors read."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.db.models.functions import TruncDate, TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.core import audit
from benchguard.core.access import court_ids_with
from benchguard.core.documents import DocumentType, normalize_document
from benchguard.core.exports import xlsx_response
from benchguard.core.forms import call_service
from benchguard.core.views import one_click, safe_next
from benchguard.gate import forms, permissions, selectors, services
from benchguard.gate.choices import POLICE_STATUSES, ConfirmedVia, PostKind, VisitStatus
from benchguard.gate.models import DayClosing, IdDeposit, Post, Visit

PAGE_SIZE = 50


def _post(request: HttpRequest, kind: str = PostKind.GATEHOUSE) -> tuple[Post, list[Post]]:
    posts = list(selectors.desk_posts(request.user, kind))
    if not posts:
        raise PermissionDenied
    wanted = request.POST.get("post") or request.GET.get("post")
    post = next((p for p in posts if str(p.pk) == wanted), posts[0])
    return post, posts


def _desk_url(post: Post) -> str:
    return f"{reverse('gate:desk')}?post={post.pk}"


@login_required
@require_http_methods(["GET", "POST"])
def desk(request: HttpRequest) -> HttpResponse:
    """The gatehouse desk: register a visitor by keyboard; today's visits; IDs held."""
    if not permissions.can_use_desk(request.user):
        raise PermissionDenied
    post, posts = _post(request)
    candidates: list[Any] = []
    form = forms.CheckInForm()
    if request.method == "POST":
        candidates = selectors.find_hosts(post.court_id, request.POST.get("host_query", ""))
        form = forms.CheckInForm(request.POST, candidates=candidates if len(candidates) > 1 else None)
        if form.is_valid():
            host = _resolve_host(form, candidates)
            if host is not None:
                visit, _stale = call_service(
                    form,
                    lambda: services.check_in(
                        actor=request.user,
                        post=post,
                        visitor_name=form.cleaned_data["visitor_name"],
                        document_kind=form.cleaned_data["document_kind"],
                        document_number=form.cleaned_data["document_number"],
                        purpose=form.cleaned_data["purpose"],
                        host=host,
                        slot=form.cleaned_data["slot"],
                        phone=form.cleaned_data["phone"],
                    ),
                )
                if visit is not None:
                    if visit.status == VisitStatus.ON_HOLD:
                        messages.error(request, _("Do not admit. Wait for the judicial police."))
                    elif visit.status == VisitStatus.CHECKING:
                        messages.warning(
                            request, _("Wait: the judicial police are checking. Do not admit yet.")
                        )
                    else:
                        messages.success(
                            request,
                            _("%(name)s is registered; waiting for %(host)s to confirm.")
                            % {"name": visit.visitor_name, "host": host.name},
                        )
                    return redirect(_desk_url(post))
    visits = list(selectors.today_visits(post)[:200])
    return render(
        request,
        "gate/desk.html",
        {
            "form": form,
            "post": post,
            "posts": posts,
            "visits": visits,
            "held": list(selectors.held_now(post)),
            "reason_form": forms.ReasonForm(),
            "statuses": VisitStatus,
            "today": timezone.localdate(),
        },
        status=400 if form.is_bound else 200,
    )


def _resolve_host(form: forms.CheckInForm, candidates: list[Any]) -> Any:
    chosen = form.cleaned_data.get("host")
    if chosen is not None:
        return chosen
    if len(candidates) == 1:
        return candidates[0]
    if not candidates:
        form.add_error("host_query", ValidationError(_("No one at this court matches."), code="no_host"))
    elif len(candidates) > selectors.HOST_MATCHES:
        form.add_error(
            "host_query", ValidationError(_("Too many people match; type more."), code="many_hosts")
        )
    else:
        form.add_error("host", ValidationError(_("Several people match; choose one."), code="choose_host"))
    return None


def _visit_action(request: HttpRequest, pk: int, run: Any, done: str) -> HttpResponse:
    visit = selectors.get_visit_for(request.user, pk)
    one_click(request, lambda: run(visit, request.POST), done)
    return redirect(safe_next(request, "gate:visit_detail", pk=visit.pk))


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The host confirms in BenchGuard."""
    return _visit_action(
        request,
        pk,
        lambda v, d: services.confirm(actor=request.user, visit=v),
        _("You confirmed the visitor."),
    )


@login_required
@require_POST
def confirm_phone(request: HttpRequest, pk: int) -> HttpResponse:
    """The guard records that the host confirmed on the phone."""
    return _visit_action(
        request,
        pk,
        lambda v, d: services.confirm(actor=request.user, visit=v, via=ConfirmedVia.PHONE),
        _("The host's confirmation by phone was recorded."),
    )


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_action(
        request,
        pk,
        lambda v, d: services.close_visit(actor=request.user, visit=v, reason=d.get("reason", "")),
        _("The visit was closed and the document handed back."),
    )


@login_required
@require_POST
def check_out(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_action(
        request,
        pk,
        lambda v, d: services.check_out(actor=request.user, visit=v),
        _("Checked out; the document was handed back."),
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.get_visit_for(request.user, pk)
    if not permissions.can_decide_hold(request.user, visit.court_id):
        raise PermissionDenied
    form = forms.decision_form(visit, request.POST)
    decide_one = services.decide_check if visit.status == VisitStatus.CHECKING else services.decide_hold
    if form.is_valid():
        saved, _stale = call_service(
            form, lambda: decide_one(actor=request.user, visit=visit, **form.cleaned_data)
        )
        if saved is not None:
            messages.success(request, _("The decision was recorded."))
            return redirect("gate:holds")
        if form.non_field_errors():  # decided meanwhile, or no longer on hold: say so
            for error in form.non_field_errors():
                messages.error(request, str(error))
            return redirect("gate:holds")
    return _holds_page(request, bound={visit.pk: form}, status=400)


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.get_visit_for(request.user, pk)
    police = permissions.can_decide_hold(request.user, visit.court_id)
    if police:
        audit.record_access(actor=request.user, action="gate.visit.view", obj=visit)
    return render(
        request,
        "gate/visit_detail.html",
        {
            "visit": visit,
            "is_host": permissions.is_host(request.user, visit),
            "at_desk": permissions.can_use_desk(request.user, visit.court_id),
            "police": police,
            "hits": list(visit.screening_hits.select_related("person")) if police else [],
            "decision": getattr(visit, "decision", None),
            "check_decision": getattr(visit, "check_decision", None),
            "reason_form": forms.ReasonForm(),
            "decision_form": forms.decision_form(visit),
        },
    )


def _holds_page(request: HttpRequest, bound: dict[int, Any] | None = None, status: int = 200) -> HttpResponse:
    visits = list(selectors.holds_for(request.user))
    for visit in visits:
        # Whom a visitor matched on the controlled list is a restricted read (A15).
        audit.record_access(actor=request.user, action="gate.visit.view", obj=visit)
        visit.form = (bound or {}).get(visit.pk) or forms.decision_form(visit)  # type: ignore[attr-defined]
    return render(request, "gate/holds.html", {"visits": visits}, status=status)


@login_required
def holds(request: HttpRequest) -> HttpResponse:
    """Visits on hold with what they matched, for the judicial police to decide."""
    if not permissions.can_decide_hold(request.user):
        raise PermissionDenied
    return _holds_page(request)


@login_required
def my_visitors(request: HttpRequest) -> HttpResponse:
    """A host's own visitors, newest first: waiting for confirmation, inside, gone."""
    page = Paginator(selectors.my_visitors(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "gate/my_visitors.html",
        {"page": page, "confirmable": [VisitStatus.PENDING, *POLICE_STATUSES]},
    )


# --- Day's end ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def day_end(request: HttpRequest) -> HttpResponse:
    post, posts = _post(request)
    day = timezone.localdate()
    bound: dict[int, forms.DayEndForm] = {}
    back = f"{reverse('gate:day_end')}?post={post.pk}"
    if request.method == "POST" and request.POST.get("action") == "close_day":
        one_click(
            request,
            lambda: services.close_day(actor=request.user, post=post, day=day),
            _("The day is closed and signed."),
        )
        return redirect(back)
    if request.method == "POST":
        posted = request.POST.get("visit", "")
        visit = get_object_or_404(Visit, pk=int(posted) if posted.isdigit() else 0, post=post)
        form = forms.DayEndForm(request.POST, prefix=f"v{visit.pk}")
        if form.is_valid():
            saved, _stale = call_service(
                form,
                lambda: services.record_day_end(
                    actor=request.user, visit=visit, day=day, **form.cleaned_data
                ),
            )
            if saved is not None:
                messages.success(request, _("Recorded."))
                return redirect(f"{reverse('gate:day_end')}?post={post.pk}")
            if form.non_field_errors():
                for error in form.non_field_errors():
                    messages.error(request, str(error))
                return redirect(f"{reverse('gate:day_end')}?post={post.pk}")
        bound[visit.pk] = form
    visits, deposits = services.day_end_list(post=post, day=day)
    for visit in visits:
        visit.form = bound.get(visit.pk) or forms.DayEndForm(prefix=f"v{visit.pk}")  # type: ignore[attr-defined]
    closing = DayClosing.objects.filter(post=post, day=day).select_related("signed_by").first()
    return render(
        request,
        "gate/day_end.html",
        {
            "post": post,
            "posts": posts,
            "visits": visits,
            "deposits": deposits,
            "day": day,
            "closing": closing,
            "counts": closing.counts if closing else services.day_counts(post=post, day=day),
            "police_statuses": POLICE_STATUSES,
        },
        status=400 if bound else 200,
    )


@login_required
@require_POST
def hand_back(request: HttpRequest, pk: int) -> HttpResponse:
    deposit = get_object_or_404(
        IdDeposit.objects.select_related("post"),
        pk=pk,
        post__court_id__in=permissions.desk_court_ids(request.user),
    )
    one_click(
        request,
        lambda: services.hand_back(actor=request.user, deposit=deposit),
        _("The document was handed back."),
    )
    return redirect(f"{reverse('gate:day_end')}?post={deposit.post_id}")


# --- The register -------------------------------------------------------------------------------


SEARCH_KEY = "gate.visit_search"


def _criteria(cleaned: dict[str, Any]) -> dict[str, Any]:
    """What a search keeps in the session between its pages and its export: the dates,
    the name and host as typed, and a document number only as its blind indexes (the
    number itself is never stored again, nor put in an address)."""
    criteria: dict[str, Any] = {
        "date_from": cleaned["date_from"].isoformat() if cleaned["date_from"] else "",
        "date_to": cleaned["date_to"].isoformat() if cleaned["date_to"] else "",
        "name": cleaned["name"].strip(),
        "host": cleaned["host"].strip(),
        "document_indexes": [],
    }
    if cleaned["document_number"]:
        number = normalize_document(cleaned["document_number"])
        criteria["document_indexes"] = [services.document_index(kind, number) for kind in DocumentType.values]
    return criteria


def _visits(request: HttpRequest, criteria: dict[str, Any]) -> Any:
    courts = court_ids_with(request.user, permissions.LIST_ROLES)
    visits = Visit.objects.filter(court_id__in=courts).select_related("post", "host", "host_department")
    if criteria.get("date_from"):
        visits = visits.filter(arrived_at__date__gte=dt.date.fromisoformat(criteria["date_from"]))
    if criteria.get("date_to"):
        visits = visits.filter(arrived_at__date__lte=dt.date.fromisoformat(criteria["date_to"]))
    if criteria.get("name"):
        visits = visits.filter(visitor_name__contains=criteria["name"])
    if criteria.get("host"):
        visits = visits.filter(host__name__contains=criteria["host"])
    if criteria.get("document_indexes"):
        visits = visits.filter(document_index__in=criteria["document_indexes"])
    return visits


@login_required
@require_http_methods(["GET", "POST"])
def visit_list(request: HttpRequest) -> HttpResponse:
    """The visits register. A search is sent by POST and kept in the session for its
    pages and its export, so a visitor's name or document number never reaches an
    address (the server's access log, the browser's history, a Referer header)."""
    if not permissions.can_list_visits(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = forms.VisitSearchForm(request.POST)
        if form.is_valid():
            used = sorted(name for name, value in form.cleaned_data.items() if value)
            if used:  # who searched for visitors, and by what (never the values: a number is personal data)
                audit.record_event(actor=request.user, action="gate.visit.search", obj=None, by=used)
            request.session[SEARCH_KEY] = _criteria(form.cleaned_data)
            return redirect("gate:visit_list")
        criteria: dict[str, Any] = {}
    else:
        if "clear" in request.GET:
            request.session.pop(SEARCH_KEY, None)
            return redirect("gate:visit_list")
        criteria = request.session.get(SEARCH_KEY) or {}
        form = forms.VisitSearchForm(
            initial={k: criteria.get(k) for k in ("date_from", "date_to", "name", "host")}
        )
    page = Paginator(_visits(request, criteria), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "gate/visit_list.html",
        {
            "form": form,
            "page": page,
            "searched": any(criteria.values()),
            "by_document": bool(criteria.get("document_indexes")),
        },
    )


@login_required
def visit_export(request: HttpRequest) -> HttpResponse:
    if not permissions.can_list_visits(request.user):
        raise PermissionDenied
    visits = _visits(request, request.session.get(SEARCH_KEY) or {})
    return xlsx_response(services.export_visits(actor=request.user, visits=visits[:50_000]), "visits.xlsx")


@login_required
def counts(request: HttpRequest) -> HttpResponse:
    """Visits per day (the last 31 days) and per month (the last 12 months)."""
    if not permissions.can_list_visits(request.user):
        raise PermissionDenied
    courts = court_ids_with(request.user, permissions.LIST_ROLES)
    today = timezone.localdate()
    since_day = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=30), dt.time()))
    first = today.replace(day=1)
    months_back = today.month - 11  # this month and the 11 before it
    since_month = timezone.make_aware(
        dt.datetime(first.year + (months_back - 1) // 12, (months_back - 1) % 12 + 1, 1)
    )
    visits = Visit.objects.filter(court_id__in=courts)
    daily = (
        visits.filter(arrived_at__gte=since_day)
        .annotate(day=TruncDate("arrived_at"))
        .values("day")
        .annotate(n=Count("id"), holds=Count("id", filter=_held()))
        .order_by("-day")
    )
    monthly = (
        visits.filter(arrived_at__gte=since_month)
        .annotate(month=TruncMonth("arrived_at"))
        .values("month")
        .annotate(n=Count("id"), holds=Count("id", filter=_held()))
        .order_by("-month")
    )
    return render(request, "gate/counts.html", {"daily": list(daily), "monthly": list(monthly)})


def _held() -> Any:
    from django.db.models import Q

    return Q(hits__gt=0)  # held or checked by the screening


# --- Checkpoint (A12.1) -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def checkpoint(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_desk(request.user):
        raise PermissionDenied
    posts = selectors.desk_posts(request.user, PostKind.CHECKPOINT)
    form = forms.ShiftForm(request.POST or None, posts=posts, initial={"day": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        shift, _stale = call_service(
            form, lambda: services.record_shift(actor=request.user, **form.cleaned_data)
        )
        if shift is not None:
            messages.success(request, _("The shift was recorded."))
            return redirect("gate:shift_detail", pk=shift.pk)
    page = Paginator(selectors.shifts_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "gate/checkpoint.html", {"form": form, "page": page})


def _shift_page(request: HttpRequest, pk: int, status: int = 200, **bound: Any) -> HttpResponse:
    shift = selectors.get_shift_for(request.user, pk)
    context = {"shift": shift, "item_form": forms.ItemForm(), "incident_form": forms.ItemIncidentForm()}
    context.update(bound)
    return render(request, "gate/shift_detail.html", context, status=status)


@login_required
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _shift_page(request, pk)


@login_required
@require_POST
def add_item(request: HttpRequest, pk: int) -> HttpResponse:
    shift = selectors.get_shift_for(request.user, pk)
    form = forms.ItemForm(request.POST)
    if form.is_valid():
        item, _stale = call_service(
            form, lambda: services.add_item(actor=request.user, shift=shift, **form.cleaned_data)
        )
        if item is not None:
            messages.success(request, _("The item was recorded."))
            return redirect("gate:shift_detail", pk=shift.pk)
    return _shift_page(request, pk, status=400, item_form=form)


def _item(request: HttpRequest, pk: int) -> Any:
    from benchguard.gate.models import HeldItem

    item = get_object_or_404(
        HeldItem.objects.select_related("shift__post"),
        pk=pk,
        shift__post__court_id__in=permissions.desk_court_ids(request.user),
    )
    return item


@login_required
@require_POST
def return_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    posted = request.POST.get("version", "")
    version = int(posted) if posted.isdigit() else 0  # 0 never matches: a stale-edit refusal
    one_click(
        request,
        lambda: services.return_item(actor=request.user, item=item, expected_version=version),
        _("The item was returned."),
    )
    return redirect("gate:shift_detail", pk=item.shift_id)


@login_required
@require_POST
def item_incident(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    form = forms.ItemIncidentForm(request.POST)
    if form.is_valid():
        incident, _stale = call_service(
            form, lambda: services.open_incident(actor=request.user, item=item, **form.cleaned_data)
        )
        if incident is not None:
            messages.success(request, _("An incident was opened for the item."))
            return redirect("incidents:incident_detail", pk=incident.pk)
    return _shift_page(request, item.shift_id, status=400, incident_form=form)
