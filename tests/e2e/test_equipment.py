"""A body-worn recorder and its recording in a real browser, in Chinese (A10.1, A10.2):
the judicial police issue a recorder to the judge; the judge sees it on "My equipment",
uploads the recording of an enforcement trip, keeps it with the open incident (legal
hold) and verifies its SHA-256; the police print the verification report, which lists
every look at the file.

The pages are found by their URLs and test ids rather than by their words, so the test
reads the same before and after the area's strings reach the catalogue."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import OpenPage, signed_in

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("e2e")]


def test_a_recorder_is_issued_and_its_recording_is_kept_with_an_incident_and_verified(
    demo: Any, open_page: OpenPage, settings: Any, tmp_path: Path
) -> None:
    from benchguard.equipment.models import Device, Recording
    from benchguard.equipment.samples import mp4_bytes
    from benchguard.incidents.demo import FIRST_PLACE
    from benchguard.incidents.models import Incident
    from benchguard.organization.models import Person

    settings.MEDIA_ROOT = str(tmp_path / "media")
    password = demo.DEMO_PASSWORD
    recorder = Device.objects.get(court__division_code="370200", serial="LYB-0007")

    police = signed_in(open_page, "police", password)
    pp = police.page
    pp.locator('nav [data-nav="equipment-devices"]').click()
    pp.locator(f'a[href="/equipment/devices/{recorder.pk}/"]').click()
    pp.locator(f'a[href="/equipment/devices/{recorder.pk}/issue/"]').click()
    pp.select_option("select[name=holder]", str(Person.objects.get(account__username="judge").pk))
    pp.fill("input[name=due_back_on]", (timezone.localdate() + dt.timedelta(days=3)).isoformat())
    pp.fill("input[name=purpose]", "外出执行（市北区）")
    pp.locator("main form[method=post] button[type=submit]").click()
    expect(pp.locator('[data-testid="issue"]').first).to_contain_text("王立明")
    police.screenshot("equipment-issued")
    police.assert_self_contained()

    judge = signed_in(open_page, "judge", password)
    page = judge.page
    page.goto("/equipment/mine/")
    expect(page.locator('[data-testid="holding"]')).to_contain_text("LYB-0007")
    page.goto("/equipment/recordings/upload/")
    video = tmp_path / "执行现场.mp4"
    content = mp4_bytes(64 * 1024, fill=b"\x05")
    video.write_bytes(content)
    page.set_input_files("input[name=file]", str(video))
    page.select_option("select[name=kind]", "field_enforcement")
    page.fill("input[name=title]", "市北区强制执行现场录音")
    page.fill(
        "input[name=recorded_at]", (timezone.localtime() - dt.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    )
    page.select_option("select[name=device]", str(recorder.pk))
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator('[data-testid="sha256"]')).to_have_text(hashlib.sha256(content).hexdigest())
    recording = Recording.objects.get(title="市北区强制执行现场录音")

    threat = Incident.objects.get(place=FIRST_PLACE)
    page.locator(f'a[href="/equipment/recordings/{recording.pk}/link/"]').click()
    page.select_option("select[name=incident]", str(threat.pk))
    page.locator("main form[method=post] button[type=submit]").click()
    expect(page.locator('[data-testid="link"]')).to_have_count(1)
    expect(page.locator('[data-testid="legal-hold"]')).to_be_visible()
    page.locator(f'form[action="/equipment/recordings/{recording.pk}/verify/"] button').click()
    expect(page.locator('[data-testid="integrity"]')).to_have_class("badge text-bg-success")
    judge.screenshot("equipment-recording-verified")
    judge.assert_self_contained()

    pp.goto(f"/equipment/recordings/{recording.pk}/")
    with pp.expect_download() as downloaded:
        pp.locator(f'a[href="/equipment/recordings/{recording.pk}/download/"]').click()
    assert Path(downloaded.value.path()).read_bytes() == content
    pp.goto(f"/equipment/recordings/{recording.pk}/report/")
    expect(pp.locator('[data-testid="report-sha256"]')).to_have_text(recording.sha256)
    # The chain of custody in words (下载: downloaded), never the raw action codes.
    expect(pp.locator('[data-testid="report-custody"]')).to_contain_text("下载")
    expect(pp.locator('[data-testid="report-custody"]')).not_to_contain_text("equipment.recording")
    expect(pp.locator('[data-testid="report-checks"] tr')).to_have_count(1)
    police.screenshot("equipment-verification-report")
    police.assert_self_contained()
