"""docs/requirements-coverage.md stays true: every `path::name` it cites exists.

The page abbreviates paths (`org/tests/`, `core/tests/`) and, within a row, names a
file without its folder once the folder was given; the resolution below follows the
rules written at the top of the page.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "requirements-coverage.md"
ABBREVIATIONS = {"org/tests/": "benchguard/organization/tests/", "core/tests/": "benchguard/core/tests/"}
REFERENCE = re.compile(r"`([\w./-]+\.py)::([\w\[\]-]+)`")


def _resolve(path: str, folder: str | None) -> Path:
    for short, full in ABBREVIATIONS.items():
        if path.startswith(short):
            path = full + path[len(short) :]
    if "/" not in path and folder is not None:
        path = f"{folder}/{path}"
    for candidate in (ROOT / path, ROOT / "benchguard" / path):
        if candidate.exists():
            return candidate
    return ROOT / path


def cited() -> list[tuple[int, Path, str]]:
    found = []
    for number, line in enumerate(DOC.read_text(encoding="utf-8").splitlines(), start=1):
        folder: str | None = None
        for path, name in REFERENCE.findall(line):
            resolved = _resolve(path, folder)
            folder = str(resolved.parent.relative_to(ROOT)) if resolved.exists() else folder
            found.append((number, resolved, name.split("[")[0]))
    return found


def test_every_cited_test_and_name_exists() -> None:
    references = cited()
    assert len(references) > 100  # the page is read, not skipped
    missing = []
    for number, path, name in references:
        source = path.read_text(encoding="utf-8") if path.exists() else ""
        if not re.search(rf"^\s*(def|class) {re.escape(name)}\b|^{re.escape(name)}\s*[:=]", source, re.M):
            missing.append(f"line {number}: {path.relative_to(ROOT)}::{name}")
    assert missing == []
