"""Every URL × every persona → the answer declared here (house style 16).

URLs are collected from the URL configuration; one that has no declared expectation
fails `test_every_url_is_declared`, so a new page cannot ship without deciding who may
open it. Not visible → 404; visible but not permitted → 403; not signed in → login.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

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
OUR_APPS = {"organization", "core", "matters", "incidents", "gate"}
# City-wide reference data and settings: the city administrator alone.
CITY_ONLY = {"CalendarDay", "CalendarYear", "SanctionCap"}
# Rows that exist once per court or procedure (or are never written by hand): never added.
NEVER_ADDED = {"AuditEntry", "MatterSettings", "SanctionCap"}
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
        can_add = model.__name__ not in {"AuditEntry", "Court", "MatterSettings"} and not city_only
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
