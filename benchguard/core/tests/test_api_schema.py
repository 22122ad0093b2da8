"""The API answers what its published schema says (issue 9, point 21): every endpoint is
called as several personas — lists, records, a record that is not visible, a record
that does not exist, empty and wrong bodies, a stale version — and each answer must be
declared in /api/schema/ for its status code and its body must validate against the
declared schema. No answer may be a server error."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from typing import Any

import jsonschema
import pytest
from django.test import Client
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

PERSONAS = ["office", "police", "chair", "judge", "outsider", None]


def _nullable(schema: Any) -> Any:
    """OpenAPI 3.0 → JSON Schema: `nullable: true` becomes an explicit null choice."""
    if isinstance(schema, list):
        return [_nullable(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    converted = {key: _nullable(value) for key, value in schema.items() if key != "nullable"}
    if schema.get("nullable"):
        return {"anyOf": [converted, {"type": "null"}]}
    return converted


@pytest.fixture(scope="module")
def openapi(django_db_blocker: Any) -> dict[str, Any]:
    with django_db_blocker.unblock():
        return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def check(schema: dict[str, Any], path: str, method: str, status: int, body: Any) -> str | None:
    """None when the answer is declared and its body fits, else what is wrong."""
    operation = schema["paths"][path][method]
    declared = operation["responses"].get(str(status)) or operation["responses"].get("default")
    if declared is None:
        return f"{method.upper()} {path}: {status} not declared ({sorted(operation['responses'])})"
    content = declared.get("content", {}).get("application/json")
    if content is None:
        return None if body in (None, b"", "") else f"{method.upper()} {path} {status}: body not declared"
    resolver_schema = {**_nullable(content["schema"]), "components": _nullable(schema["components"])}
    try:
        jsonschema.validate(body, resolver_schema)
    except jsonschema.ValidationError as exc:
        return f"{method.upper()} {path} {status}: {exc.message} at {list(exc.absolute_path)}"
    return None


def _ids(client: Client, list_path: str) -> list[int]:
    response = client.get(list_path)
    if response.status_code != 200:
        return []
    data = response.json()
    rows = data["results"] if isinstance(data, dict) and "results" in data else data
    return [row["id"] for row in rows if isinstance(row, dict) and "id" in row][:2]


def test_every_answer_of_the_api_is_declared_in_its_schema(
    openapi: dict[str, Any], client_as: Callable[[str | None], Client]
) -> None:
    problems: set[str] = set()
    calls = 0
    for persona in PERSONAS:
        client = client_as(persona)
        for path, method, _operation in _operations(openapi):
            if path.startswith("/api/schema") or path.startswith("/api/docs"):
                continue
            base = re.sub(r"\{[^}]+\}/.*$", "", path)
            ids = _ids(client, base) if "{" in path else [0]
            # Visible rows (if any), another court's or a missing one, and junk.
            candidates = [*ids, 999999, "abc"] if "{" in path else [None]
            for pk in candidates:
                url = re.sub(r"\{[^}]+\}", str(pk), path) if pk is not None else path
                bodies: list[Any] = [None] if method == "get" else [{}, {"version": 1}, {"version": "x"}, []]
                for body in bodies:
                    if method == "get":
                        response = client.get(url)
                    else:
                        response = client.generic(
                            method.upper(), url, data=json.dumps(body), content_type="application/json"
                        )
                    calls += 1
                    assert response.status_code < 500, f"{method.upper()} {url} as {persona}: server error"
                    payload = (
                        response.json()
                        if response.get("Content-Type", "").startswith("application/json")
                        else response.content
                    )
                    problem = check(openapi, path, method, response.status_code, payload)
                    if problem:
                        problems.add(problem)
    assert calls > 100
    assert sorted(problems) == [], "\n".join(sorted(problems))


def test_the_schema_declares_empty_values_and_the_error_answers(openapi: dict[str, Any]) -> None:
    matter = openapi["components"]["schemas"]["Matter"]["properties"]
    assert matter["handler"].get("nullable") is True  # not assigned before acceptance
    assert matter["due_date"].get("nullable") is True
    assert {"$ref": "#/components/schemas/BlankEnum"} in matter["response"]["oneOf"]  # no answer yet
    accept = openapi["paths"]["/api/matters/{id}/accept/"]["post"]["responses"]
    assert {"200", "400", "401", "403", "404", "409"} <= set(accept)
    people = openapi["paths"]["/api/people/"]["get"]["responses"]
    assert {"200", "401", "403", "404"} <= set(people) and "409" not in people


def test_every_post_declares_the_idempotency_key_and_its_answers(openapi: dict[str, Any]) -> None:
    posts = {path: item["post"] for path, item in openapi["paths"].items() if "post" in item}
    assert posts  # the API has POSTs to declare
    for path, operation in posts.items():
        headers = [p["name"] for p in operation.get("parameters", []) if p["in"] == "header"]
        assert headers.count("Idempotency-Key") == 1, path
        assert {"409", "422"} <= set(operation["responses"]), path
    people = openapi["paths"]["/api/people/"]["get"]
    assert "Idempotency-Key" not in [p["name"] for p in people.get("parameters", [])]
    accept = openapi["paths"]["/api/matters/{id}/accept/"]["post"]["responses"]["409"]["description"]
    assert "version" in accept and "Idempotency-Key" in accept  # both reasons for a 409
