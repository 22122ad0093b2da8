"""Who may open the alarm area's URLs (tests/test_permission_matrix.py)."""

from __future__ import annotations

from tests.matrix import Expect

EXPECTED: dict[str, Expect] = {}
