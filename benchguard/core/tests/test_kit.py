"""The transition kit every area's services and views are built on (core.services,
core.views, core.api): a stale edit is refused and the stored row handed back, a save
moves the version on and writes one change line, a refusal keeps what was typed, and
the API answers a refusal with 400 or 409."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.test import RequestFactory

from benchguard.core import audit
from benchguard.core.api import exception_handler
from benchguard.core.models import AuditEntry, CalendarYear
from benchguard.core.services import StaleEditError, lock, save_versioned, set_related, update_versioned
from benchguard.core.views import form_action, row_page

pytestmark = pytest.mark.django_db


def _year() -> CalendarYear:
    return CalendarYear.objects.order_by("year").first() or CalendarYear.objects.create(year=2026)


def test_lock_refuses_a_stale_version_and_hands_back_the_stored_row() -> None:
    year = _year()
    assert lock(year, year.version).pk == year.pk
    with pytest.raises(StaleEditError) as refused:
        lock(year, year.version - 1)
    assert refused.value.code == "stale"
    assert refused.value.current.version == year.version  # type: ignore[attr-defined]


def test_save_versioned_moves_the_version_on_and_writes_one_change_line(persona: Any) -> None:
    year = lock(_year())
    version = year.version
    before = audit.snapshot(year, ["source"])
    lines = AuditEntry.objects.count()
    year.source = "国务院办公厅通知"
    saved = save_versioned(
        year,
        actor=persona("admin"),
        action="core.test.save",
        fields=["source"],
        before=before,
        extra={"why": "x"},
    )
    stored = CalendarYear.objects.get(pk=year.pk)
    assert stored.version == saved.version == version + 1
    assert AuditEntry.objects.count() == lines + 1
    line = AuditEntry.objects.order_by("-pk").first()
    assert line is not None and line.action == "core.test.save"
    assert line.data["after"] == {"source": "国务院办公厅通知", "why": "x"}
    assert line.data["before"] == before


def test_update_versioned_writes_nothing_when_nothing_changes(persona: Any) -> None:
    year = _year()
    lines = AuditEntry.objects.count()
    same = update_versioned(
        CalendarYear,
        year.pk,
        actor=persona("admin"),
        action="core.test.update",
        expected_version=year.version,
        changes={"source": year.source},
    )
    assert same.version == year.version
    assert AuditEntry.objects.count() == lines


class _NoteForm(forms.Form):
    note = forms.CharField()


def _post(data: dict[str, str]) -> HttpRequest:
    request = RequestFactory().post("/somewhere/", data)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    return request


def _page(form: forms.Form, current: Any) -> HttpResponse:
    return HttpResponse(
        f"{form['note'].value()}|{' '.join(str(e) for e in form.non_field_errors())}|{current}"
    )


def test_form_action_goes_on_after_success_with_the_services_result() -> None:
    request = _post({"note": "办结"})
    response = form_action(
        request,
        _NoteForm(request.POST),
        lambda data: data["note"],
        done="ok",
        then=lambda r: f"/done/{r}/",
        page=_page,
    )
    assert response.status_code == 302
    assert response["Location"] == "/done/%E5%8A%9E%E7%BB%93/"  # the result, URL-encoded


def test_form_action_keeps_what_was_typed_when_the_service_refuses() -> None:
    request = _post({"note": "办结"})

    def refuse(data: dict[str, Any]) -> None:
        raise ValidationError("不能办理", code="invalid_transition")

    response = form_action(request, _NoteForm(request.POST), refuse, done="ok", then="/done/", page=_page)
    assert response.status_code == 200
    assert response.content.decode() == "办结|不能办理|None"


def test_form_action_answers_403_with_the_input_kept_when_permission_is_refused() -> None:
    request = _post({"note": "办结"})

    def forbid(data: dict[str, Any]) -> None:
        raise PermissionDenied

    response = form_action(request, _NoteForm(request.POST), forbid, done="ok", then="/done/", page=_page)
    assert response.status_code == 403
    assert response.content.decode().startswith("办结|")


def test_form_action_shows_the_stored_row_after_a_stale_edit() -> None:
    year = _year()
    request = _post({"note": "x"})

    def stale(data: dict[str, Any]) -> None:
        raise StaleEditError(current=year)

    response = form_action(request, _NoteForm(request.POST), stale, done="ok", then="/done/", page=_page)
    assert response.content.decode().endswith(f"|{year}")


def test_the_api_answers_a_stale_edit_with_409_and_a_refusal_with_400_by_field() -> None:
    stale = exception_handler(StaleEditError(current=_year()), {})
    assert stale is not None and stale.status_code == 409
    by_field = exception_handler(ValidationError({"reason": ["请说明理由"], "__all__": ["已办结"]}), {})
    assert by_field is not None and by_field.status_code == 400
    assert by_field.data == {"reason": ["请说明理由"], "non_field_errors": ["已办结"]}
    plain = exception_handler(ValidationError("已办结"), {})
    assert plain is not None and plain.data == {"detail": ["已办结"]}
    assert exception_handler(PermissionDenied(), {}).status_code == 403  # type: ignore[union-attr]


def test_form_action_keeps_a_page_that_goes_back_a_redirect_when_permission_is_refused() -> None:
    request = _post({"note": "办结"})

    def forbid(data: dict[str, Any]) -> None:
        raise PermissionDenied

    def back(form: forms.Form, current: Any) -> HttpResponse:
        return redirect("/home/")

    response = form_action(request, _NoteForm(request.POST), forbid, done="ok", then="/done/", page=back)
    assert response.status_code == 302
    assert response["Location"] == "/home/"


def test_row_page_reads_the_row_then_checks_the_user_before_the_view(persona: Any) -> None:
    @row_page(lambda user, pk: get_object_or_404(CalendarYear, pk=pk), lambda user, year: user.is_superuser)
    def view(request: HttpRequest, year: CalendarYear) -> HttpResponse:
        return HttpResponse(str(year.year))

    year = _year()
    request = RequestFactory().get("/")
    request.user = persona("cityadmin")
    assert view(request, pk=year.pk).content == str(year.year).encode()
    request.user = persona("judge")
    with pytest.raises(PermissionDenied):
        view(request, pk=year.pk)
    with pytest.raises(Http404):
        view(request, pk=0)
    posted = RequestFactory().put("/")
    posted.user = persona("cityadmin")
    assert view(posted, pk=year.pk).status_code == 405


def test_set_related_sets_each_field_and_logs_the_ids_in_one_event(persona: Any) -> None:
    year = _year()
    others = [CalendarYear.objects.create(year=2098), CalendarYear.objects.create(year=2099)]

    class Related:  # stands in for a many-to-many manager (core has no such field)
        def set(self, rows: list[CalendarYear]) -> None:
            self.rows = rows

    year.people, year.officers = Related(), Related()  # type: ignore[attr-defined]
    set_related(
        year, actor=persona("admin"), action="core.test.people", people=iter(others), officers=others[:1]
    )
    assert year.people.rows == others and year.officers.rows == others[:1]  # type: ignore[attr-defined]
    line = AuditEntry.objects.order_by("-pk").first()
    assert line is not None and line.action == "core.test.people"
    assert line.data == {"people": [o.pk for o in others], "officers": [others[0].pk]}
