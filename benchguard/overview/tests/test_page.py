"""The overview page: its queries stay flat as rows grow, its charts are drawn by a
static script from a json_script block (no inline script, no CDN), and its figures go
to Excel as numbers."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from benchguard.core.models import AuditEntry
from benchguard.organization.models import Court

OVERVIEW = reverse("overview:overview")
EXPORT = reverse("overview:export")


def _queries(client: Client, **query: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(OVERVIEW, query).status_code == 200
    return len(captured)


def test_the_page_does_not_grow_queries_with_rows(
    client_as: Callable[[str | None], Client], grow: Callable[..., None], shinan: Court
) -> None:
    chair = client_as("chair")
    grow(1)
    _queries(chair)  # warm the caches a first request fills
    small, small_court = _queries(chair), _queries(chair, court=str(shinan.pk))
    grow(6, hold=True)
    assert _queries(chair) == small
    assert _queries(chair, court=str(shinan.pk)) == small_court


def test_the_charts_are_drawn_from_data_by_a_static_script(client_as: Callable[[str | None], Client]) -> None:
    response = client_as("chair").get(OVERVIEW)
    html = response.content.decode()
    assert '<script src="/static/vendor/echarts/echarts.min.js" defer></script>' in html
    assert '<script src="/static/benchguard/overview.js" defer></script>' in html
    start = html.index('<script id="overview-data" type="application/json">')
    data = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])
    figures = response.context["figures"]
    assert [item["key"] for item in data] == [figure.key for figure in figures]
    for item, figure in zip(data, figures, strict=True):
        assert item["counts"] == [bar.count for bar in figure.bars]
        assert item["urls"] == [bar.url for bar in figure.bars]
    # Each figure has its table beside the chart, with a caption, every number a link.
    assert html.count('data-testid="figure-table"') == len(figures)
    assert html.count("<caption>") == len(figures)
    # No inline script: every <script> either loads a file or is the JSON data block.
    for tag in html.split("<script")[1:]:
        opening = tag.split(">", 1)[0]
        assert "src=" in opening or 'type="application/json"' in opening, opening


def test_the_vendored_echarts_and_the_script_are_static_files() -> None:
    echarts = finders.find("vendor/echarts/echarts.min.js")
    assert echarts and Path(echarts).stat().st_size > 500_000
    assert finders.find("vendor/echarts/LICENSE") and finders.find("vendor/echarts/NOTICE")
    script = finders.find("benchguard/overview.js")
    assert script and "echarts.init" in Path(script).read_text()
    readme = Path(settings.BASE_DIR) / "static/vendor/README.md"
    assert "| `echarts/` | [`echarts`]" in readme.read_text()


def test_the_figures_export_to_excel_as_numbers(
    client_as: Callable[[str | None], Client], grow: Callable[..., None]
) -> None:
    grow(2)
    chair = client_as("chair")
    figures = chair.get(OVERVIEW).context["figures"]
    response = chair.get(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [tuple(cell.value for cell in row) for row in sheet.iter_rows(min_row=2)]
    assert rows == [(figure.title, bar.label, bar.count) for figure in figures for bar in figure.bars]
    assert all(isinstance(count, int) for _figure, _label, count in rows)
    entry = AuditEntry.objects.filter(action="overview.figures.export").latest("pk")
    assert entry.actor_name and entry.data["figures"] == [figure.key for figure in figures]


def test_a_court_export_has_that_courts_figures(
    client_as: Callable[[str | None], Client], shinan: Court
) -> None:
    chair = client_as("chair")
    figures = chair.get(OVERVIEW, {"court": shinan.pk}).context["figures"]
    sheet = load_workbook(io.BytesIO(chair.get(EXPORT, {"court": shinan.pk}).content)).active
    assert sheet.max_row - 1 == sum(len(figure.bars) for figure in figures)
    assert AuditEntry.objects.filter(action="overview.figures.export").latest("pk").court_id == shinan.pk


def test_collectstatic_with_the_production_storage_takes_the_charts(settings: Any, tmp_path: Path) -> None:
    """The manifest storage of production (no compression here, for speed) collects
    ECharts and the overview's script and names them by their content."""
    settings.STATIC_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    for name in ("vendor/echarts/echarts.min.js", "benchguard/overview.js"):
        assert (tmp_path / manifest[name]).exists()
