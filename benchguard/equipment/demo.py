"""Demo data of the equipment area (A10.1, A10.2), in the intermediate court: four
recording devices kept by the judicial police (马军) — a body-worn recorder issued to
the judge 王立明 for an enforcement trip and overdue, a recording office phone with the
division chief 周海, a voice recorder in the store, a body-worn recorder under repair —
and three recordings: the judge's recording of the threat at his home (kept with the
demo's open incident, so on legal hold, and checked intact), a field-enforcement video
with a corrected second version, and a recording whose stored bytes were changed
afterwards (the check reports it tampered).

`load_equipment_demo()` is idempotent (devices found by court and serial, recordings by
title) and writes through the services."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.core.demo import at, register_demo
from benchguard.equipment import services
from benchguard.equipment.choices import DeviceKind, FaultStatus, RecordingKind
from benchguard.equipment.models import Device, Recording
from benchguard.equipment.samples import mp3_upload, mp4_upload
from benchguard.incidents.demo import FIRST_PLACE
from benchguard.incidents.models import Incident
from benchguard.organization.models import Account, Court, Person

INTERMEDIATE = "370200"
THREAT_TITLE = "住所小区门口被拦截威胁录音"
ENFORCEMENT_TITLE = "崂山区某小区强制腾房执行现场录像"
TAMPERED_TITLE = "立案大厅当事人吵闹录像"

DEVICES = [
    (DeviceKind.BODY_CAMERA, "ZFJLY-2024-0001", "执法记录仪 DSJ-V9"),
    (DeviceKind.RECORDING_PHONE, "LYDH-0201", "录音办公电话 HCN-8800"),
    (DeviceKind.VOICE_RECORDER, "LYB-0007", "录音笔 SR-20"),
    (DeviceKind.BODY_CAMERA, "ZFJLY-2024-0002", "执法记录仪 DSJ-V9"),
]


@register_demo("equipment")
@transaction.atomic
def load_equipment_demo() -> None:
    court = Court.objects.get(division_code=INTERMEDIATE)
    if Device.objects.filter(court=court, serial=DEVICES[0][1]).exists():
        return
    police = Account.objects.get(username="police")
    judge = Account.objects.get(username="judge")
    chief = Account.objects.get(username="chief")
    judge_person = Person.objects.get(account=judge)
    today = timezone.localdate()
    devices = {
        serial: services.add_device(actor=police, court=court, kind=kind, serial=serial, model_name=model)
        for kind, serial, model in DEVICES
    }
    camera = devices["ZFJLY-2024-0001"]
    services.issue_device(
        actor=police, device=camera, holder=judge_person, purpose="外出执行（崂山区强制腾房）",
        issued_at=at(today - dt.timedelta(days=9), 8, 30), due_back_on=today - dt.timedelta(days=2),
    )  # fmt: skip
    services.issue_device(
        actor=police,
        device=devices["LYDH-0201"],
        holder=Person.objects.get(account=chief),
        purpose="办公室录音电话",
    )
    broken = devices["ZFJLY-2024-0002"]
    fault = services.report_fault(actor=police, device=broken, description="电池无法充电，开机即关机。")
    services.record_repair(actor=police, fault=fault, status=FaultStatus.IN_REPAIR, note="已送厂家维修。")

    threat = Incident.objects.filter(place=FIRST_PLACE).first()
    recording = services.upload_recording(
        actor=judge, court=court, kind=RecordingKind.DUTY, title=THREAT_TITLE,
        # Recorded as the threat happened (the incident's time), else on the way home.
        recorded_at=threat.occurred_at if threat is not None else at(today - dt.timedelta(days=6), 18, 40),
        person=judge_person,
        upload=mp3_upload("20260101-住所门口.mp3", size=8192),
        description="当事人在小区门口拦截并扬言报复，法官随身录音。",
    )  # fmt: skip
    if threat is not None:
        services.link_recording(actor=judge, recording=recording, incident=threat)
    services.verify_recording(actor=police, recording=recording)

    first = services.upload_recording(
        actor=judge, court=court, kind=RecordingKind.FIELD_ENFORCEMENT, title=ENFORCEMENT_TITLE,
        recorded_at=at(today - dt.timedelta(days=5), 9, 30), person=judge_person, device=camera,
        upload=mp4_upload("DSJ_0001.mp4", size=16384), description="强制腾房全程录像（前半段）。",
    )  # fmt: skip
    services.add_version(
        actor=judge, recording=first, upload=mp4_upload("DSJ_0001_完整.mp4", size=24576, fill=b"\x01"),
        description="记录仪导出时中断，重新导出完整文件。",
    )  # fmt: skip

    changed = services.upload_recording(
        actor=police, court=court, kind=RecordingKind.DUTY, title=TAMPERED_TITLE,
        recorded_at=at(today - dt.timedelta(days=3), 10, 15), person=Person.objects.get(account=police),
        upload=mp4_upload("DSJ_0107.mp4", size=8192),
    )  # fmt: skip
    # Someone changes the stored bytes behind the application's back; the check finds it.
    with changed.file.storage.open(changed.file.name, "wb") as handle:
        handle.write(mp4_upload("x.mp4", size=8192, fill=b"\x02").read())
    services.verify_recording(actor=police, recording=changed)


def demo_recording(title: str) -> Recording:
    return Recording.objects.filter(court__division_code=INTERMEDIATE, title=title).order_by(
        "-version_number"
    )[0]
