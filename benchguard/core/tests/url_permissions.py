"""Who may open the platform's own URLs (the permission matrix)."""

from __future__ import annotations

from tests.matrix import ANON, LOGIN, Expect

EXPECTED: dict[str, Expect] = {
    "home": Expect(200, {ANON: LOGIN}),
    "healthz": Expect(200),
    # Open to anyone like /healthz; 503 here because no worker beats in the matrix's database.
    "readyz": Expect(503),
    # The API's root and its description: for signed-in users only.
    "api-root": Expect(200, {ANON: 401}),
    "api-schema": Expect(200, {ANON: 401}),
    "api-docs": Expect(200, {ANON: 401}),
}
