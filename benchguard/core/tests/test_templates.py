"""Template hygiene that no page-by-page test would notice."""

from __future__ import annotations

import re
from pathlib import Path

import benchguard

ROOT = Path(benchguard.__file__).parent
TITLE = re.compile(r"\{% block title %\}(.*?)\{% endblock", re.S)


def test_no_page_title_holds_markup() -> None:
    """A merge once left the entry page's objections table inside its title block: the
    browser's tab (and every history entry) carried the markup and the objections."""
    bad = []
    for path in sorted(ROOT.rglob("*.html")):
        for title in TITLE.findall(path.read_text(encoding="utf-8")):
            if "<" in title or "\n" in title.strip():
                bad.append(path.relative_to(ROOT).as_posix())
    assert bad == []
