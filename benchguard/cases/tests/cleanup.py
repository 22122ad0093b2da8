"""Test-only: remove every case, party and screening, children first (for tests that need
an empty database, such as the seed-scale test)."""

from __future__ import annotations

from benchguard.cases.models import Case, Party, PartyScreening


def delete_cases_rows() -> None:
    PartyScreening.objects.all().delete()
    Party.objects.all().delete()
    Case.panel.through.objects.all().delete()
    Case.objects.all().delete()
