"""Pages of the gate (A12): the gatehouse desk, a visit, the holds for the judicial
police, the day-end closing, the visits register with its counts and export, and the
checkpoint's shift log. Thin: services change, selectors read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.core.access import court_ids_with
from benchguard.core.exports import xlsx_response
from benchguard.core.forms import call_service
from benchguard.core.views import (
    form_action,
    list_page_action,
    one_click,
    paginated,
    posted_version,
    safe_next,
)
from benchguard.gate import forms, permissions, selectors, services
from benchguard.gate.choices import POLICE_STATUSES, ConfirmedVia, PostKind, VisitStatus
from benchguard.gate.models import HeldItem, Post, Visit

T = TypeVar("T")

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
                # Not form_action: the outcome is told at its own level (a hold is an
                # error, a check a warning), and form_action only says success.
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
                    flagged: int = getattr(visit, "flagged_arrivals", 0)
                    if visit.status == VisitStatus.PENDING and flagged:
                        # The instruction, never the case (issue 12 part 4).
                        messages.warning(
                            request,
                            _("The judicial police on duty were told: they see the visitor first."),
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


def _visit_button(
    request: HttpRequest, pk: int, service: Callable[[Visit], object], done: str
) -> HttpResponse:
    """A button on a visit (no form to keep): the service's outcome as a message, then
    back to the page that sent it."""
    visit = selectors.get_visit_for(request.user, pk)
    one_click(request, lambda: service(visit), done)
    return redirect(safe_next(request, "gate:visit_detail", pk=visit.pk))


def _row_form_action(
    request: HttpRequest,
    form: django_forms.Form,
    run: Callable[[dict[str, Any]], object],
    *,
    done: str,
    back: str,
    page: Callable[[django_forms.Form], HttpResponse],
) -> HttpResponse:
    """`form_action` for one form among many on a list (the holds, the day's end): a
    refusal of the whole (decided meanwhile, no longer possible) is told on the list;
    a field's error shows the list again with this form as sent."""

    def refused(form: django_forms.Form, current: Any) -> HttpResponse:
        if form.non_field_errors():
            for error in form.non_field_errors():
                messages.error(request, str(error))
            return redirect(back)
        return page(form)

    return form_action(request, form, run, done=done, then=back, page=refused)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """The host confirms in BenchGuard."""
    return _visit_button(
        request,
        pk,
        lambda visit: services.confirm(actor=request.user, visit=visit),
        _("You confirmed the visitor."),
    )


@login_required
@require_POST
def confirm_phone(request: HttpRequest, pk: int) -> HttpResponse:
    """The guard records that the host confirmed on the phone."""
    return _visit_button(
        request,
        pk,
        lambda visit: services.confirm(actor=request.user, visit=visit, via=ConfirmedVia.PHONE),
        _("The host's confirmation by phone was recorded."),
    )


@login_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_button(
        request,
        pk,
        lambda visit: services.close_visit(
            actor=request.user, visit=visit, reason=request.POST.get("reason", "")
        ),
        _("The visit was closed and the document handed back."),
    )


@login_required
@require_POST
def check_out(request: HttpRequest, pk: int) -> HttpResponse:
    return _visit_button(
        request,
        pk,
        lambda visit: services.check_out(actor=request.user, visit=visit),
        _("Checked out; the document was handed back."),
    )


@login_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.get_visit_for(request.user, pk)
    if not permissions.can_decide_hold(request.user, visit.court_id):
        raise PermissionDenied
    decide_one = services.decide_check if visit.status == VisitStatus.CHECKING else services.decide_hold
    return _row_form_action(
        request,
        forms.decision_form(visit, request.POST),
        lambda data: decide_one(actor=request.user, visit=visit, **data),
        done=_("The decision was recorded."),
        back=reverse("gate:holds"),
        page=lambda form: _holds_page(request, bound={visit.pk: form}, status=400),
    )


@login_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.get_visit_for(request.user, pk)
    police = permissions.can_decide_hold(request.user, visit.court_id)
    return render(
        request,
        "gate/visit_detail.html",
        {
            "visit": visit,
            "is_host": permissions.is_host(request.user, visit),
            "at_desk": permissions.can_use_desk(request.user, visit.court_id),
            "police": police,
            "hits": services.open_screening_hits(actor=request.user, visit=visit) if police else [],
            "decision": getattr(visit, "decision", None),
            "check_decision": getattr(visit, "check_decision", None),
            "reason_form": forms.ReasonForm(),
            "decision_form": forms.decision_form(visit),
        },
    )


def _holds_page(request: HttpRequest, bound: dict[int, Any] | None = None, status: int = 200) -> HttpResponse:
    visits = services.open_holds(actor=request.user)
    for visit in visits:
        visit.form = (bound or {}).get(visit.pk) or forms.decision_form(visit)  # type: ignore[attr-defined]
    return render(request, "gate/holds.html", {"visits": visits}, status=status)


@login_required
def holds(request: HttpRequest) -> HttpResponse:
    """Visits on hold with what they matched, for the judicial police to decide."""
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
    back = f"{reverse('gate:day_end')}?post={post.pk}"
    if request.method == "POST" and request.POST.get("action") == "close_day":
        one_click(
            request,
            lambda: services.close_day(actor=request.user, post=post, day=day),
            _("The day is closed and signed."),
        )
        return redirect(back)
    if request.method == "POST":
        visit = selectors.get_day_end_visit(post, request.POST.get("visit", ""))
        return _row_form_action(
            request,
            forms.DayEndForm(request.POST, prefix=f"v{visit.pk}"),
            lambda data: services.record_day_end(actor=request.user, visit=visit, day=day, **data),
            done=_("Recorded."),
            back=back,
            page=lambda form: _day_end_page(request, post, posts, day, bound={visit.pk: form}),
        )
    return _day_end_page(request, post, posts, day)


def _day_end_page(
    request: HttpRequest,
    post: Post,
    posts: list[Post],
    day: dt.date,
    bound: dict[int, django_forms.Form] | None = None,
) -> HttpResponse:
    visits, deposits = selectors.day_end_list(post=post, day=day)
    for visit in visits:
        visit.form = (bound or {}).get(visit.pk) or forms.DayEndForm(prefix=f"v{visit.pk}")  # type: ignore[attr-defined]
    closing = selectors.day_closing(post=post, day=day)
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
            "counts": closing.counts if closing else selectors.day_counts(post=post, day=day),
            "police_statuses": POLICE_STATUSES,
        },
        status=400 if bound else 200,
    )


@login_required
@require_POST
def hand_back(request: HttpRequest, pk: int) -> HttpResponse:
    deposit = selectors.get_deposit_for(request.user, pk)
    one_click(
        request,
        lambda: services.hand_back(actor=request.user, deposit=deposit),
        _("The document was handed back."),
    )
    return redirect(f"{reverse('gate:day_end')}?post={deposit.post_id}")


# --- The register -------------------------------------------------------------------------------


SEARCH_KEY = "gate.visit_search"


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
            request.session[SEARCH_KEY] = services.open_visit_search(
                actor=request.user, cleaned=form.cleaned_data
            )
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
    drill = (
        forms.VisitDrillForm(request.GET)
        if any(k in request.GET for k in forms.VisitDrillForm.KEYS)
        else None
    )
    if drill is not None:
        # What the leaders' overview counted (A30), in place of the kept search.
        data = drill.cleaned_data if drill.is_valid() else None
        visits = (
            selectors.drill_visits(
                request.user,
                status=data["status"],
                held=data["held"],
                month=dt.date.fromisoformat(f"{data['month']}-01") if data["month"] else None,
                court=data["court"],
            )
            if data is not None
            else Visit.objects.none()
        )
    else:
        visits = selectors.search_visits(request.user, criteria)
    return render(
        request,
        "gate/visit_list.html",
        {
            "form": form,
            **paginated(request, visits, PAGE_SIZE),
            "searched": any(criteria.values()) and drill is None,
            "drilled": drill is not None,
            "by_document": bool(criteria.get("document_indexes")) and drill is None,
        },
    )


@login_required
def visit_export(request: HttpRequest) -> HttpResponse:
    if not permissions.can_list_visits(request.user):
        raise PermissionDenied
    visits = selectors.search_visits(request.user, request.session.get(SEARCH_KEY) or {})
    return xlsx_response(services.export_visits(actor=request.user, visits=visits[:50_000]), "visits.xlsx")


@login_required
def counts(request: HttpRequest) -> HttpResponse:
    """Visits per day (the last 31 days) and per month (the last 12 months)."""
    if not permissions.can_list_visits(request.user):
        raise PermissionDenied
    return render(request, "gate/counts.html", selectors.visit_counts(request.user, timezone.localdate()))


# --- Checkpoint (A12.1) -------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def checkpoint(request: HttpRequest) -> HttpResponse:
    if not permissions.can_use_desk(request.user):
        raise PermissionDenied
    posts = selectors.desk_posts(request.user, PostKind.CHECKPOINT)
    police = selectors.checkpoint_officers(court_ids_with(request.user, permissions.DESK_ROLES))

    return list_page_action(
        request,
        forms.ShiftForm(
            request.POST or None, posts=posts, police=police, initial={"day": timezone.localdate()}
        ),
        lambda data: services.record_shift(actor=request.user, **data),
        done=_("The shift was recorded."),
        then=lambda shift: reverse("gate:shift_detail", args=[shift.pk]),
        rows=selectors.shifts_for(request.user),
        template="gate/checkpoint.html",
        per_page=PAGE_SIZE,
    )


def _shift_page(request: HttpRequest, pk: int, status: int = 200, **bound: Any) -> HttpResponse:
    shift = selectors.get_shift_for(request.user, pk)
    context = {
        "shift": shift,
        "item_form": forms.ItemForm(),
        "incident_form": forms.ItemIncidentForm(),
        "refusal_form": forms.RefusalForm(),
    }
    context.update(bound)
    return render(request, "gate/shift_detail.html", context, status=status)


def _shift_form(
    request: HttpRequest,
    shift_pk: int,
    name: str,
    run: Callable[[dict[str, Any]], T],
    *,
    done: str,
    then: str | Callable[[T], str],
) -> HttpResponse:
    """`form_action` for the form `name` of the shift's page: refused, the page is shown
    again (400) with the form as sent."""
    form = {
        "item_form": forms.ItemForm,
        "incident_form": forms.ItemIncidentForm,
        "refusal_form": forms.RefusalForm,
    }[name](request.POST)
    return form_action(
        request,
        form,
        run,
        done=done,
        then=then,
        page=lambda form, current: _shift_page(request, shift_pk, status=400, **{name: form}),
    )


@login_required
def shift_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _shift_page(request, pk)


@login_required
@require_POST
def add_item(request: HttpRequest, pk: int) -> HttpResponse:
    shift = selectors.get_shift_for(request.user, pk)

    def add(data: dict[str, Any]) -> HeldItem:
        return services.add_item(actor=request.user, shift=shift, **data)

    back = reverse("gate:shift_detail", args=[shift.pk])
    return _shift_form(request, shift.pk, "item_form", add, done=_("The item was recorded."), then=back)


@login_required
@require_POST
def refuse_entry(request: HttpRequest, pk: int) -> HttpResponse:
    shift = selectors.get_shift_for(request.user, pk)

    def refuse(data: dict[str, Any]) -> Any:
        return services.refuse_entry(actor=request.user, shift=shift, **data)

    back = reverse("gate:shift_detail", args=[shift.pk])
    return _shift_form(
        request, shift.pk, "refusal_form", refuse, done=_("The refusal was recorded."), then=back
    )


@login_required
@require_http_methods(["GET", "POST"])
def passage(request: HttpRequest) -> HttpResponse:
    """The dedicated passage's log (A12.1): lawyers and prosecutors, with the credential seen."""
    if not permissions.can_use_desk(request.user):
        raise PermissionDenied
    posts = selectors.desk_posts(request.user, PostKind.CHECKPOINT)
    return list_page_action(
        request,
        forms.PassageForm(request.POST or None, posts=posts),
        lambda data: services.log_passage(actor=request.user, **data),
        done=_("The entry was logged."),
        then=reverse("gate:passage"),
        rows=selectors.passage_entries_for(request.user),
        template="gate/passage.html",
        per_page=PAGE_SIZE,
    )


@login_required
def checkpoint_statistics(request: HttpRequest) -> HttpResponse:
    """The checkpoint's figures by category and month (A12.1)."""
    if not permissions.can_use_desk(request.user):
        raise PermissionDenied
    form = forms.StatisticsForm(request.GET or None)
    this_year = timezone.localdate().year
    year = form.cleaned_data["year"] if form.is_bound and form.is_valid() else this_year
    context = {
        "form": form,
        "year": year,
        "this_year": this_year,
        **selectors.checkpoint_statistics(request.user, year),
    }
    return render(request, "gate/checkpoint_statistics.html", context)


@login_required
@require_POST
def return_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_item_for(request.user, pk)
    version = posted_version(request)
    one_click(
        request,
        lambda: services.return_item(actor=request.user, item=item, expected_version=version),
        _("The item was returned."),
    )
    return redirect("gate:shift_detail", pk=item.shift_id)


@login_required
@require_POST
def item_incident(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_item_for(request.user, pk)

    def open_incident(data: dict[str, Any]) -> Any:
        return services.open_incident(actor=request.user, item=item, **data)

    def then(incident: Any) -> str:
        return reverse("incidents:incident_detail", args=[incident.pk])

    done = _("An incident was opened for the item.")
    return _shift_form(request, item.shift_id, "incident_form", open_incident, done=done, then=then)
