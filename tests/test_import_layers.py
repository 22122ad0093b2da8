"""Layers point one way (issue 10, point 1; docs/architecture.md, "Layers").

`LAYERS` below is the one declaration of the order. A module of an app may import its
own app and the apps listed before it, never one listed after it. Every module under
benchguard/ is read (migrations aside), the app's tests included: an app's tests use
only what the app may use, and a test that needs several areas lives here, in the
project-wide tests/ folder, which may import anything. Every import counts: at the top,
inside a function (a "lazy" import is still a dependency) and under TYPE_CHECKING.

With one order and no upward import, no two apps can import each other.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "benchguard"

# Lowest first. A new area goes above everything it uses (docs/adding-a-domain-area.md).
# `config` (settings, the URL tree, WSGI) and the package's own entry point sit above all.
LAYERS = [
    "core",
    "organization",
    "notifications",
    "duty",
    "committee",
    "matters",
    "persons_of_concern",
    "cases",
    "incidents",
    "after_hours",
    "gate",
    "liaison",
    "interference",
    "reputation",
    "privacy",
    "welfare",
    "wellbeing",
    "equipment",
    "training",
    "meetings",
    "alarm",
    "overview",
    "signin",
    "config",
]
TOP = "config"
NOT_PYTHON = {"static", "templates", "locale"}


@dataclass(frozen=True)
class Crossing:
    path: str
    line: int
    importer: str
    imported: str
    module: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.importer} imports {self.module}, "
            f"but {self.imported} sits above {self.importer} ({' < '.join(LAYERS)})"
        )


def imported_modules(source: str, module: str) -> list[tuple[int, str]]:
    """(line, dotted name) of every import in the source, wherever it sits; `from a
    import b` yields both a and a.b (b may be a module), relative imports resolved."""
    found: list[tuple[int, str]] = []
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            found.append((node.lineno, base))
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names if alias.name != "*"]
    return found


def layer_of(module: str) -> str | None:
    """The layer a `benchguard.…` module belongs to; None outside the package (and for
    the bare package, whose __init__ is empty)."""
    parts = module.split(".")
    if parts[0] != "benchguard" or len(parts) == 1:
        return None
    if parts[1] in {"__main__", "__init__"}:
        return TOP
    return parts[1]


def crossings(source: str, relative: Path) -> list[Crossing]:
    """The upward imports of one module (`relative`: its path from the project root)."""
    module = ".".join(relative.with_suffix("").parts)
    importer = layer_of(module)
    assert importer in LAYERS, f"{relative}: the app {importer!r} is not in LAYERS ({__file__})"
    found: dict[tuple[int, str], Crossing] = {}
    for line, name in imported_modules(source, module):
        imported = layer_of(name)
        if imported is None or imported == importer:
            continue
        assert imported in LAYERS, f"{relative}:{line}: imports {name}, of no layer in LAYERS"
        if LAYERS.index(imported) > LAYERS.index(importer):
            key = (line, imported)
            found.setdefault(key, Crossing(str(relative), line, importer, imported, name))
    return sorted(found.values(), key=lambda crossing: crossing.line)


def python_modules() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and path.relative_to(PACKAGE).parts[0] not in NOT_PYTHON
    )


def test_no_module_imports_a_higher_layer() -> None:
    modules = python_modules()
    assert len(modules) > 200  # the package is read, not skipped
    crossed = [
        str(crossing)
        for path in modules
        for crossing in crossings(path.read_text(encoding="utf-8"), path.relative_to(ROOT))
    ]
    assert crossed == [], "layers crossed:\n" + "\n".join(crossed)


def test_every_app_has_its_layer_and_installed_apps_follow_the_order() -> None:
    """The demo loaders run in INSTALLED_APPS order (core.demo): lowest layer first."""
    apps = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert apps == set(LAYERS)
    installed = [name.split(".")[1] for name in settings.INSTALLED_APPS if name.startswith("benchguard.")]
    assert installed == [layer for layer in LAYERS if layer != TOP]


def test_the_rule_sees_lazy_typing_and_relative_imports() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "from benchguard.core import audit\n"
        "from benchguard import organization\n"
        "if TYPE_CHECKING:\n"
        "    from benchguard.gate.models import Visit\n"
        "def f():\n"
        "    import benchguard.matters.services\n"
        "    from benchguard import incidents\n"
        "from ..notifications import services\n"
        "from . import forms\n"
    )
    found = crossings(source, Path("benchguard/organization/views.py"))
    assert [(c.line, c.imported) for c in found] == [
        (5, "gate"),
        (7, "matters"),
        (8, "incidents"),
        (9, "notifications"),
    ]
    assert str(found[0]).startswith(
        "benchguard/organization/views.py:5: organization imports benchguard.gate"
    )
    assert crossings(source, Path("benchguard/config/urls.py")) == []
