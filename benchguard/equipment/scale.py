"""City-scale devices and recordings for the benchmark (`benchguard seed-scale`): a
recording device for one person in five (half of them issued, some overdue) and two
recordings per person over the last two years, with made-up hashes and no stored file.
The recordings list is measured against them (bench/run.py). They are marked checked
now, so the nightly re-check does not report thousands of missing files of synthetic
rows for a week. Inserted as plain rows, like the rest of the scale data."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.utils import timezone

from benchguard.equipment.choices import DeviceKind, DeviceState, Integrity, RecordingKind
from benchguard.equipment.models import Device, DeviceIssue, Recording
from benchguard.organization.scale import (
    ScaleContext,
    insert_rows,
    next_ids,
    register_generator,
    reset_sequences,
)

RECORDINGS_PER_PERSON = 2

DEVICE_FIELDS = ("id", "court_id", "kind", "serial", "model_name", "note", "state")
ISSUE_FIELDS = (
    "id", "device_id", "holder_id", "purpose", "issued_at", "issued_by_id", "due_back_on", "return_condition",
    "return_note",
)  # fmt: skip
RECORDING_FIELDS = (
    "id", "court_id", "kind", "title", "description", "recorded_at", "person_id", "device_id", "file",
    "original_name", "size", "content_type", "sha256", "uploaded_by_id", "uploaded_at", "version_number",
    "integrity", "last_checked_at", "retain_until",
)  # fmt: skip


@register_generator("equipment")
def generate_equipment(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    accounts_by_court, fallback = ctx.accounts_by_court()
    if not ctx.people or fallback is None:
        return {"devices": 0, "device_issues": 0, "recordings": 0}
    now = timezone.now()
    today = timezone.localdate()
    holders = rng.sample(ctx.people, max(1, len(ctx.people) // 5))
    device_ids = iter(next_ids(Device, len(holders)))
    issue_ids = iter(next_ids(DeviceIssue, len(holders)))
    devices: list[tuple[object, ...]] = []
    issues: list[tuple[object, ...]] = []
    device_of: dict[int, int] = {}
    for holder in holders:
        device_id = next(device_ids)
        issued = rng.random() < 0.5
        kind = rng.choice([DeviceKind.BODY_CAMERA, DeviceKind.RECORDING_PHONE, DeviceKind.VOICE_RECORDER])
        devices.append(
            (device_id, holder.court_id, kind, f"SC-{device_id:07d}", "（规模测试数据）", "",
             DeviceState.ISSUED if issued else DeviceState.IN_STORE)
        )  # fmt: skip
        if issued:
            device_of[holder.pk] = device_id
            issued_at = now - dt.timedelta(days=rng.randrange(1, 60))
            due = (
                today + dt.timedelta(days=rng.randrange(-10, 30)) if kind == DeviceKind.BODY_CAMERA else None
            )
            issuer = rng.choice(accounts_by_court.get(holder.court_id) or [fallback])
            issues.append(
                (next(issue_ids), device_id, holder.pk, "（规模测试数据）", issued_at, issuer, due, "", "")
            )
    insert_rows(Device, DEVICE_FIELDS, devices)
    insert_rows(DeviceIssue, ISSUE_FIELDS, issues)
    recordings: list[tuple[object, ...]] = []
    recording_ids = iter(next_ids(Recording, len(ctx.people) * RECORDINGS_PER_PERSON))
    for _ in range(len(ctx.people) * RECORDINGS_PER_PERSON):
        person = rng.choice(ctx.people)
        recorded = now - dt.timedelta(days=rng.randrange(1, 700), minutes=rng.randrange(0, 600))
        recording_kind = rng.choice(
            [RecordingKind.DUTY, RecordingKind.FIELD_ENFORCEMENT, RecordingKind.MEETING]
        )
        recording_id = next(recording_ids)
        digest = hashlib.sha256(f"scale-{recording_id}".encode()).hexdigest()
        uploader = rng.choice(accounts_by_court.get(person.court_id) or [fallback])
        recordings.append(
            (recording_id, person.court_id, recording_kind, f"（规模测试数据）履职录像 {recording_id}", "",
             recorded,
             person.pk, device_of.get(person.pk), f"recordings/scale/{digest[:16]}.mp4",
             f"{recording_id}.mp4",
             rng.randrange(1_000_000, 300_000_000), "video/mp4", digest, uploader,
             recorded + dt.timedelta(hours=rng.randrange(1, 48)), 1, Integrity.INTACT, now,
             (recorded + dt.timedelta(days=1095)).date())
        )  # fmt: skip
    insert_rows(Recording, RECORDING_FIELDS, recordings)
    reset_sequences(Device, DeviceIssue, Recording)
    return {"devices": len(devices), "device_issues": len(issues), "recordings": len(recordings)}
