"""Pieces of other areas' pages that show incidents, served by the register itself.

Persons of concern sit below incidents (docs/architecture.md, "Layers"): the person
page does not import the register, it loads the list of the person's incidents from
here (htmx, on load).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from benchguard.incidents.models import Incident
from benchguard.persons_of_concern import selectors as poc_selectors


@login_required
@require_GET
def person_incidents(request: HttpRequest, person_pk: int) -> HttpResponse:
    """The incidents behind a person of concern, from every court of the city (A15): a
    reader of the list sees them all, and opens those the register lets them see (their
    own court's). A person the user may not see answers 404, as their page does."""
    person = get_object_or_404(poc_selectors.persons_for(request.user), pk=person_pk)
    linked = list(
        Incident.objects.filter(perpetrators=person).select_related("court").order_by("-occurred_at")
    )
    openable = set(
        Incident.objects.visible_to(request.user)
        .filter(pk__in=[i.pk for i in linked])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "incidents/person_incidents.html",
        {"incidents": [(incident, incident.pk in openable) for incident in linked]},
    )
