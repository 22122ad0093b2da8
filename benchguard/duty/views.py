"""Pages of the duty roster and the duty alerts (A13.1, A13.4): thin; changes go through
services, reads through selectors."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from benchguard.core.views import form_page_action, one_click, paginated, posted_version, safe_next
from benchguard.duty import forms, permissions, selectors, services
from benchguard.duty.models import DutyShift
from benchguard.organization.models import Court


def _roster_url(court_id: int, day: dt.date) -> str:
    return f"{reverse('duty:roster')}?court={court_id}&week={day.isoformat()}"


def _kept_shift(request: HttpRequest, pk: int) -> DutyShift:
    """A shift the user sees (else 404) and keeps (else 403)."""
    shift = selectors.get_shift_for(request.user, pk)
    if not permissions.can_edit_shift(request.user, shift):
        raise PermissionDenied
    return shift


@login_required
def roster(request: HttpRequest) -> HttpResponse:
    """A court's roster for one week, day by day; keepers add, edit and remove shifts."""
    if not permissions.can_read(request.user):
        raise PermissionDenied
    courts = selectors.roster_courts_for(request.user)
    form = forms.RosterFilterForm(request.GET or None, courts=courts)
    filters = form.cleaned_data if form.is_valid() else {}
    court: Court | None = filters.get("court") or courts.first()
    if court is None:  # can_read: the user reads at least one court's roster
        raise PermissionDenied
    monday, sunday = selectors.week_of(filters.get("week") or timezone.localdate())
    shifts = list(selectors.roster_for(request.user, court, monday))
    days, seen = [], set()
    for offset in range(7):
        day = monday + dt.timedelta(days=offset)
        start = timezone.make_aware(dt.datetime.combine(day, dt.time()))
        end = start + dt.timedelta(days=1)
        # A night shift shows on both its days; its buttons on the first only.
        on_day = [(s, s.pk not in seen) for s in shifts if s.starts_at < end and s.ends_at > start]
        seen |= {s.pk for s, _first in on_day}
        days.append((day, on_day))
    return render(
        request,
        "duty/roster.html",
        {
            "form": form,
            "court": court,
            "days": days,
            "monday": monday,
            "sunday": sunday,
            "today": timezone.localdate(),
            "previous": _roster_url(court.pk, monday - dt.timedelta(days=7)),
            "next": _roster_url(court.pk, monday + dt.timedelta(days=7)),
            "keeps": permissions.can_keep(request.user, court.pk),
            "here": _roster_url(court.pk, monday),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def shift_add(request: HttpRequest) -> HttpResponse:
    kept = permissions.keeper_court_ids(request.user)
    if not kept:
        raise PermissionDenied
    courts = Court.objects.filter(pk__in=kept).order_by("sort_order", "division_code")
    initial: dict[str, Any] = {}
    court_id = request.GET.get("court", "")
    if court_id.isdigit() and int(court_id) in kept:
        initial["court"] = int(court_id)
    try:
        day = dt.date.fromisoformat(request.GET.get("day", ""))
    except ValueError:
        day = timezone.localdate()
    initial["starts_at"] = dt.datetime.combine(day, dt.time(8))
    initial["ends_at"] = dt.datetime.combine(day, dt.time(20))
    form = forms.ShiftAddForm(
        request.POST or None, initial=initial, courts=courts, people=selectors.eligible_people(kept)
    )
    return form_page_action(
        request,
        form,
        lambda data: services.add_shift(actor=request.user, **data),
        done=_("The shift was added to the roster."),
        title=_("Add a duty shift"),
        back=reverse("duty:roster"),
        then=lambda shift: _roster_url(shift.court_id, timezone.localtime(shift.starts_at).date()),
    )


@login_required
@require_http_methods(["GET", "POST"])
def shift_edit(request: HttpRequest, pk: int) -> HttpResponse:
    shift = _kept_shift(request, pk)
    form = forms.ShiftForm(
        request.POST or None, instance=shift, people=selectors.eligible_people({shift.court_id})
    )
    return form_page_action(
        request,
        form,
        lambda _data: services.update_shift(actor=request.user, shift=shift, **form.edit()),
        done=_("The changes were saved."),
        title=_("Edit a duty shift"),
        back=_roster_url(shift.court_id, timezone.localtime(shift.starts_at).date()),
    )


@login_required
@require_POST
def shift_remove(request: HttpRequest, pk: int) -> HttpResponse:
    shift = _kept_shift(request, pk)
    one_click(
        request,
        # The version the roster showed: a shift changed meanwhile is not removed blind.
        lambda: services.remove_shift(
            actor=request.user, shift=shift, expected_version=posted_version(request)
        ),
        _("The shift was removed from the roster."),
    )
    return redirect(
        safe_next(request, _roster_url(shift.court_id, timezone.localtime(shift.starts_at).date()))
    )


@login_required
def alerts(request: HttpRequest) -> HttpResponse:
    """The duty alerts sent to the user, the newest first, with the button to take one on."""
    return render(request, "duty/alerts.html", paginated(request, selectors.alerts_for(request.user), 50))


@login_required
@require_POST
def alert_acknowledge(request: HttpRequest, pk: int) -> HttpResponse:
    alert = selectors.get_alert_for(request.user, pk)
    one_click(
        request,
        lambda: services.acknowledge_alert(actor=request.user, alert=alert),
        _("You acknowledged the alert."),
    )
    return redirect(safe_next(request, "duty:alerts"))
