"""Warning talks (A13.3) with persons of concern."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from benchguard.core.uploads import file_response
from benchguard.core.views import list_page_action
from benchguard.incidents import forms, permissions, selectors, services
from benchguard.incidents.views.plans import courts_to_add_to
from benchguard.incidents.views.register import PAGE_SIZE
from benchguard.persons_of_concern import selectors as poc_selectors


@login_required
@require_http_methods(["GET", "POST"])
def talk_list(request: HttpRequest) -> HttpResponse:
    court_ids = courts_to_add_to(request, permissions.can_read_talks)
    form = forms.TalkForm(
        request.POST or None,
        request.FILES or None,
        court_ids=court_ids,
        persons=poc_selectors.persons_for(request.user),
        incidents=selectors.incidents_for(request.user),
    )

    return list_page_action(
        request,
        form,
        lambda d: services.record_warning_talk(actor=request.user, **d),
        done=_("The warning talk was recorded."),
        then=reverse("incidents:talk_list"),
        rows=selectors.talks_for(request.user),
        template="incidents/talk_list.html",
        per_page=PAGE_SIZE,
        can_add=bool(court_ids),
    )


@login_required
def talk_download(request: HttpRequest, pk: int) -> FileResponse:
    talk = services.open_talk_record(actor=request.user, talk=selectors.get_talk_for(request.user, pk))
    return file_response(talk.record, filename=talk.record_name)
