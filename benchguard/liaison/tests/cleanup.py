"""Test-only: remove every row of the liaison directory, children first (for tests that
need an empty database, such as the seed-scale test)."""

from __future__ import annotations

from benchguard.liaison.models import Agency, AgencyContact


def delete_liaison_rows() -> None:
    AgencyContact.objects.all().delete()
    Agency.objects.all().delete()
