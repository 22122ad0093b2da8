"""The leaders' overview (A30): thin pages over selectors.figures_for."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from benchguard.core.exports import xlsx_response
from benchguard.organization.models import Court
from benchguard.overview import permissions, selectors, services
from benchguard.overview.figures import Scope


def _scope(request: HttpRequest) -> tuple[Scope, list[Court]]:
    """The viewer's scope (403 for those without an overview) and the courts it covers;
    `?court=` narrows it to one of them (any other court: 404)."""
    if not permissions.can_view(request.user):
        raise PermissionDenied
    courts = list(selectors.overview_courts(request.user))
    chosen = request.GET.get("court", "")
    court = None
    if chosen:
        court = next((c for c in courts if str(c.pk) == chosen), None)
        if court is None:
            raise Http404
    scope = selectors.scope_for(request.user, court, courts)
    return scope, courts


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    scope, courts = _scope(request)
    figures = selectors.figures_for(scope)
    return render(
        request,
        "overview/overview.html",
        {
            "figures": figures,
            "charts": [figure.as_data() for figure in figures],
            "courts": courts,
            "court": scope.court,
            "city": len(courts) > 1,
        },
    )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    scope, _courts = _scope(request)
    content = services.export_figures(
        actor=request.user,
        figures=selectors.figures_for(scope),
        court_id=scope.court.pk if scope.court is not None else None,
    )
    return xlsx_response(content, "overview.xlsx")
