from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from benchguard.signin.tests.slapd import Directory, running_slapd


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Directory]:
    """A real OpenLDAP server with the test court's directory (slapd.py)."""
    folder: Path = tmp_path_factory.mktemp("slapd")
    with running_slapd(folder) as found:
        yield found
