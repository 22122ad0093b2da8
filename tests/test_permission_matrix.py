"""Every URL × every persona → the answer declared here (house style 16).

URLs are collected from the URL configuration; one that has no declared expectation
fails `test_every_url_is_declared`, so a new page cannot ship without deciding who may
open it. Not visible → 404; visible but not permitted → 403; not signed in → login.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

import benchguard.config.urls  # noqa: F401  (loads the admin registrations the matrix reads)
from benchguard.core.models import AuditEntry
from benchguard.organization.models import Account, Court, Department, Person
from tests.matrix import ANON, LOGIN, PERSONAS, Expect

# --- The pages: declared by each domain area ----------------------------------------


def site_expectations() -> dict[str, Expect]:
    expected: dict[str, Expect] = {}
    for app in apps.get_app_configs():
        if not app.name.startswith("benchguard."):
            continue
        try:
            module = importlib.import_module(f"{app.name}.tests.url_permissions")
        except ModuleNotFoundError as exc:
            if exc.name != f"{app.name}.tests.url_permissions" and exc.name != f"{app.name}.tests":
                raise
            continue
        clash = set(expected) & set(module.EXPECTED)
        assert not clash, f"declared twice: {sorted(clash)}"
        expected.update(module.EXPECTED)
    return expected


# --- The admin: generated from the registered models ---------------------------------
# Only staff accounts get past the admin's own door (others are sent to its login);
# a court's administrator sees our models for their court; third-party models
# (task results, lockout records, tokens, groups) are for the city admin alone.
OUR_APPS = {c.label for c in apps.get_app_configs() if c.name.startswith("benchguard.")}
# City-wide reference data and settings: the city administrator alone.
CITY_ONLY = {
    "CalendarDay",
    "CalendarYear",
    "SanctionCap",
    "RiskFlag",
    "RiskLevel",
    "RightCategory",
    "CondolenceCap",
}
# Rows that exist once per court or procedure (or are never written by hand): never added.
NEVER_ADDED = {
    "AuditEntry",
    "MatterSettings",
    "SanctionCap",
    "RiskSettings",
    "CheckpointSettings",
    "TrainingSettings",
    "InterferenceSettings",
}
ADMINS = {"admin", "cityadmin"}


def _admin_door(inside: dict[str, int], kwargs: Callable[[], dict[str, Any]] = dict) -> Expect:
    return Expect(LOGIN, inside, kwargs)


def _sample_kwargs(model: type) -> Callable[[], dict[str, Any]]:
    def kwargs() -> dict[str, Any]:
        if model is Court:
            obj = Court.objects.get(division_code="370200")
        elif model is Department:
            obj = Department.objects.get(court__division_code="370200", name="民事审判第一庭")
        elif model is Person:
            obj = Person.objects.get(account__username="judge")
        elif model is AuditEntry:
            obj = AuditEntry.objects.filter(court_id=Court.objects.get(division_code="370200").pk).first()
        elif model is Account:
            obj = Account.objects.get(username="judge")
        else:
            obj = model._default_manager.order_by("pk").first()
        return {"object_id": obj.pk} if obj is not None else {"object_id": 999999}

    return kwargs


def admin_expectations() -> dict[str, Expect]:
    expected: dict[str, Expect] = {
        "admin:index": _admin_door({"admin": 200, "cityadmin": 200}),
        "admin:login": Expect(200, {"admin": 302, "cityadmin": 302}),
        "admin:logout": _admin_door({"admin": 405, "cityadmin": 405}),
        "admin:password_change": _admin_door({"admin": 200, "cityadmin": 200}),
        "admin:password_change_done": _admin_door({"admin": 200, "cityadmin": 200}),
        "admin:autocomplete": _admin_door({"admin": 403, "cityadmin": 403}),
        "admin:jsi18n": _admin_door({"admin": 200, "cityadmin": 200}),
        "admin:view_on_site": _admin_door(
            {"admin": 404, "cityadmin": 404}, lambda: {"content_type_id": 1, "object_id": 1}
        ),
    }
    app_labels = {model._meta.app_label for model in admin.site._registry}
    for label in app_labels:
        court_admin_sees = any(
            m._meta.app_label == label and label in OUR_APPS and m.__name__ not in CITY_ONLY
            for m in admin.site._registry
        )
        expected[f"admin:app_list:{label}"] = _admin_door(
            {"admin": 200 if court_admin_sees else 404, "cityadmin": 200},
            lambda label=label: {"app_label": label},
        )
    for model in admin.site._registry:
        ours = model._meta.app_label in OUR_APPS
        # The national holiday table (core/admin.py) is the city administrator's alone.
        city_only = model.__name__ in CITY_ONLY
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        view = {"admin": 200 if ours and not city_only else 403, "cityadmin": 200}
        obj_kwargs = _sample_kwargs(model)
        # Audit lines are never added; courts only by the city admin; matter settings
        # exist one per court and are never added by hand.
        can_add = model.__name__ not in {"Court", *NEVER_ADDED} and not city_only
        expected[f"{prefix}_changelist"] = _admin_door(view)
        expected[f"{prefix}_add"] = _admin_door(
            {
                "admin": 200 if can_add else 403,
                "cityadmin": 403 if model.__name__ in NEVER_ADDED else 200,
            }
        )
        expected[f"{prefix}_change"] = _admin_door(view, obj_kwargs)
        expected[f"{prefix}_history"] = _admin_door(view, obj_kwargs)
        expected[f"{prefix}_delete"] = _admin_door(
            {"admin": 403, "cityadmin": 403 if ours else 200}, obj_kwargs
        )
        if model is Account:
            expected["admin:auth_user_password_change"] = _admin_door(
                {"admin": 200, "cityadmin": 200},
                lambda: {"id": Account.objects.get(username="judge").pk},
            )
    return expected


def _patterns(resolver: URLResolver, namespace: str = "") -> Iterator[str]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            if entry.name is None:
                # The admin's unnamed catch-alls only redirect to its named views.
                if namespace != "admin:":
                    yield f"<unnamed {entry.pattern}>"
            else:
                yield f"{namespace}{entry.name}"


def declared() -> dict[str, Expect]:
    return {**site_expectations(), **admin_expectations()}


def _reverse(name: str, kwargs: dict[str, Any]) -> str:
    if name.startswith("admin:app_list:"):
        return reverse("admin:app_list", kwargs=kwargs)
    return reverse(name, kwargs=kwargs or None)


def test_every_url_is_declared() -> None:
    names = set(_patterns(get_resolver()))
    known = set(declared()) | {"admin:app_list"}
    assert sorted(names - known) == [], "declare who may open these URLs in tests/test_permission_matrix.py"


def test_no_declaration_is_stale() -> None:
    names = set(_patterns(get_resolver()))
    stale = {n for n in declared() if not n.startswith("admin:app_list:")} - names
    assert stale == set()


CASES = sorted(declared())


@pytest.mark.parametrize("name", CASES)
def test_each_persona_gets_the_declared_answer(name: str, client_as: Callable[[str | None], Client]) -> None:
    expectation = declared()[name]
    url = _reverse(name, expectation.kwargs())
    mismatches = {}
    for persona in PERSONAS:
        client = client_as(None if persona == ANON else persona)
        status = client.get(url).status_code
        if status != expectation.status_for(persona):
            mismatches[persona] = (status, expectation.status_for(persona))
    assert mismatches == {}, f"{url}: persona → (got, expected)"


# --- The audit trail is no side door (issue 9, point 15) ---------------------------------
# Separate block: per persona, what the audit admin shows of a persons-of-concern line.
# Only administrators get into the admin; of those, only a reader of the controlled list
# (persons_of_concern.permissions.READER_ROLES) sees a person of concern's name, birth
# date, description, list level and legal basis — in the list, by search and on the
# line's page. Everyone else: the admin's login (302), or the line with its data withheld.
AUDIT_LIST_SECRETS = ["单立新", "1975-03-08", "多次到立案大厅滋事", "《人民法院司法警察条例》"]
AUDIT_MATRIX = {
    **dict.fromkeys(PERSONAS, "no admin"),
    "admin": "withheld",  # the court's system administrator: not a list reader
    "cityadmin": "withheld",  # superuser status covers reference data, not the list
    "admin+police": "shown",  # the same administrator also serving as judicial police
}


def _audit_client(persona: str, client_as: Callable[[str | None], Client]) -> Client:
    if persona == "admin+police":
        from benchguard.organization.choices import Role
        from benchguard.organization.services import assign_role

        account = Account.objects.get(username="admin")
        court = Court.objects.get(division_code="370200")
        assign_role(
            actor=Account.objects.get(username="cityadmin"),
            account=account,
            role=Role.JUDICIAL_POLICE,
            court=court,
        )
        return client_as("admin")
    return client_as(None if persona == ANON else persona)


@pytest.mark.parametrize("persona", sorted(AUDIT_MATRIX))
def test_the_audit_admin_shows_the_controlled_list_only_to_its_readers(
    persona: str, client_as: Callable[[str | None], Client]
) -> None:
    client = _audit_client(persona, client_as)
    court = Court.objects.get(division_code="370200")
    person_line = AuditEntry.objects.get(action="persons_of_concern.person.create", object_repr="单立新")
    entry_line = AuditEntry.objects.filter(
        action="persons_of_concern.entry.propose", object_repr__startswith="单立新"
    ).first()
    assert person_line.court_id == court.pk and entry_line is not None
    pages = {
        "list": client.get(reverse("admin:core_auditentry_changelist")),
        "search": client.get(reverse("admin:core_auditentry_changelist"), {"q": "单立新"}),
        "person": client.get(reverse("admin:core_auditentry_change", args=[person_line.pk])),
        "entry": client.get(reverse("admin:core_auditentry_change", args=[entry_line.pk])),
        "history": client.get(reverse("admin:core_auditentry_history", args=[person_line.pk])),
    }
    expected = AUDIT_MATRIX[persona]
    if expected == "no admin":
        assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, LOGIN)
        return
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    text = {name: page.content.decode() for name, page in pages.items()}
    if expected == "shown":
        assert "单立新" in text["search"] and "1975-03-08" in text["person"]
        assert "《人民法院司法警察条例》" in text["entry"]
        assert pages["search"].context["cl"].result_count >= 2
        return
    text["search"] = text["search"].replace('value="单立新"', "")  # the search box echoes what was typed
    leaks = {name: [s for s in AUDIT_LIST_SECRETS if s in page] for name, page in text.items()}
    assert leaks == {name: [] for name in pages}
    # Searching by the name finds nothing (the object column of a withheld line is not
    # searched), while what was done stays searchable and visible.
    assert pages["search"].context["cl"].result_count == 0
    assert "persons_of_concern.person.create" in text["person"]
    found = client.get(reverse("admin:core_auditentry_changelist"), {"q": "persons_of_concern.person.create"})
    assert found.context["cl"].result_count >= 1


# --- Every form a page shows is one its reader may send --------------------------------
# Issue 9 (4): a page showed the office the chair's step and the chair's decision, and
# sending them answered 403. For every persona and every page in the matrix (and the
# extra pages an area lists in FORM_PAGES, e.g. a matter in each state), each
# <form method="post"> on the page is sent once per choice of each of its lists, filled
# as a user would fill it; none may answer 403, 404 or 405. Each send is rolled back.


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields (name → kind, value, options)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict[str, Any]] = []
        self._form: dict[str, Any] | None = None
        self._select: dict[str, Any] | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "option" and self._select is not None:
            if a.get("value", "") != "" and "disabled" not in a:
                self._select["options"].append(a["value"])
                if "selected" in a:
                    self._select["selected"] = a["value"]
            return
        if tag == "form":
            self._form = (
                {
                    "action": a.get("action", ""),
                    "fields": [],
                    "multipart": "multipart" in a.get("enctype", ""),
                }
                if a.get("method", "get").lower() == "post"
                else None
            )
            return
        if self._form is None or not a.get("name") or "disabled" in a:
            return
        if tag == "input":
            self._form["fields"].append(
                {"name": a["name"], "kind": a.get("type", "text").lower(), "value": a.get("value", ""),
                 "checked": "checked" in a, "min": a.get("min", "")}
            )  # fmt: skip
        elif tag == "select":
            self._select = {"name": a["name"], "kind": "select", "options": [], "selected": None}
            self._form["fields"].append(self._select)
        elif tag == "textarea":
            self._textarea = a["name"]
            self._form["fields"].append({"name": a["name"], "kind": "textarea", "value": ""})

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None and self._form is not None and data.strip():
            self._form["fields"][-1]["value"] = data


def _filled(field: dict[str, Any]) -> Any:
    kind = field["kind"]
    if kind == "select":
        return field["selected"] or (field["options"][0] if field["options"] else "")
    if field.get("value"):
        return field["value"]
    today = timezone.localdate()
    return {
        "date": today.isoformat(),
        "datetime-local": f"{today.isoformat()}T09:00",
        "time": "09:00",
        "number": field.get("min") or "1",
        "email": "someone@court.local",
        "file": SimpleUploadedFile("note.txt", "一份说明。".encode(), "text/plain"),
    }.get(kind, "核实情况。")


MANY = 12  # a list longer than this (people, resolutions) is sent with its first choice only
CHROME = {"logout", "set_language"}  # on every page, open to everyone signed in


def _variants(form: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The form as a user fills it, then once more for every other choice of each short
    list (a step, who decided, approve or reject)."""
    base: dict[str, Any] = {}
    radios: dict[str, list[str]] = {}
    for field in form["fields"]:
        kind = field["kind"]
        if kind in {"submit", "button", "reset", "image"}:
            continue
        if kind == "checkbox":
            if field["checked"]:
                base.setdefault(field["name"], field["value"] or "on")
            continue
        if kind == "radio":
            radios.setdefault(field["name"], []).append(field["value"])
            if field["checked"] or field["name"] not in base:
                base[field["name"]] = field["value"]
            continue
        base.setdefault(field["name"], _filled(field))
    yield base
    choices = {f["name"]: f["options"] for f in form["fields"] if f["kind"] == "select"} | radios
    for name, options in choices.items():
        if len(options) > MANY:
            continue
        for option in options:
            if option != base.get(name):
                yield {**base, name: option}


class _Sender:
    """Sends a persona's forms, each rolled back; signs in again after a sign-out."""

    def __init__(self, persona: str, client_as: Callable[[str | None], Client]) -> None:
        self.persona, self.client_as = persona, client_as
        self.client = client_as(persona)
        self.sent: set[tuple[str, str]] = set()

    def refusals(self, page: str, html: str) -> list[str]:
        parser = _Forms()
        parser.feed(html)
        refused = []
        for form in parser.forms:
            action = urljoin(page, form["action"] or page)
            if resolve(urlsplit(action).path).url_name in CHROME:
                continue
            for data in _variants(form):
                key = (
                    action,
                    repr(sorted((k, str(v)) for k, v in data.items() if k != "csrfmiddlewaretoken")),
                )
                if key in self.sent:
                    continue
                self.sent.add(key)
                files = {
                    k: SimpleUploadedFile(v.name, b"x", v.content_type)
                    for k, v in data.items()
                    if hasattr(v, "read")
                }
                with transaction.atomic():
                    response = self.client.post(action, {**data, **files})
                    transaction.set_rollback(True)
                if response.cookies.get(settings.SESSION_COOKIE_NAME) is not None:
                    self.client = self.client_as(self.persona)
                if response.status_code in {403, 404, 405}:
                    shown = {k: v for k, v in data.items() if k not in {"csrfmiddlewaretoken", "version"}}
                    refused.append(f"{self.persona}: {action} {shown} → {response.status_code}")
        return refused


def _form_pages() -> dict[str, Callable[[], list[str]]]:
    pages: dict[str, Callable[[], list[str]]] = {}
    for app in apps.get_app_configs():
        if not app.name.startswith("benchguard."):
            continue
        try:
            module = importlib.import_module(f"{app.name}.tests.url_permissions")
        except ModuleNotFoundError:
            continue
        pages.update(getattr(module, "FORM_PAGES", {}))
    return pages


FORM_CASES = sorted(n for n in site_expectations() if any(
    site_expectations()[n].status_for(p) == 200 for p in PERSONAS))  # fmt: skip
EXTRA_FORM_CASES = sorted(_form_pages())


def _check_forms(urls: list[str], client_as: Callable[[str | None], Client]) -> list[str]:
    refused = []
    for persona in PERSONAS:
        if persona == ANON:
            continue
        sender = _Sender(persona, client_as)
        for url in urls:
            response = sender.client.get(url)
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                refused += sender.refusals(url, response.content.decode())
    return refused


@pytest.mark.parametrize("name", FORM_CASES)
def test_each_form_on_a_page_is_one_its_reader_may_send(
    name: str, client_as: Callable[[str | None], Client]
) -> None:
    expectation = site_expectations()[name]
    url = _reverse(name, expectation.kwargs())
    assert _check_forms([url], client_as) == []


@pytest.mark.parametrize("name", EXTRA_FORM_CASES)
def test_each_form_on_an_areas_listed_pages_is_one_its_reader_may_send(
    name: str, client_as: Callable[[str | None], Client]
) -> None:
    assert _check_forms(_form_pages()[name](), client_as) == []
