"""The wellbeing scale generator writes rows the models accept, and the pages read them."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.management import call_command
from django.test import Client

from benchguard.wellbeing.models import Activity, HealthExam, Holding, LeaveProfile, LeaveRecord, PayIssue

pytestmark = pytest.mark.django_db


def test_seed_scale_writes_valid_wellbeing_rows(client_as: Callable[[str | None], Client]) -> None:
    call_command("seed_scale", courts=3, people=120, seed=7, stdout=io.StringIO())
    assert LeaveProfile.objects.count() >= 120 and LeaveRecord.objects.count() > 0
    for model in (LeaveProfile, LeaveRecord, PayIssue, HealthExam, Activity, Holding):
        for row in model.objects.order_by("-pk")[:20]:
            row.full_clean()
    assert client_as("personnel").get("/wellbeing/leave/").status_code == 200
