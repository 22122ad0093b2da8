"""Test-only: remove every row of the liaison area (requests, then the directory),
children first (for tests that need an empty database, such as the seed-scale test)."""

from __future__ import annotations

from benchguard.liaison.models import Agency, AgencyContact, LiaisonRequest


def delete_liaison_rows() -> None:
    LiaisonRequest.objects.all().delete()
    AgencyContact.objects.all().delete()
    Agency.objects.all().delete()
