"""Who may open the equipment area's URLs (tests/test_permission_matrix.py).

Devices: the judicial police keep them (add, edit, issue, take back, repairs); court
leaders (chair, vice-chair, leader) read the register and get 403 on the keepers'
pages; everyone else gets 403 on the register's pages and 404 on its records — except
the holder of a device, who reports its fault and sees (but may not take back) their
own issue. "My equipment" answers everyone signed in; the holdings on a person's page
answer whoever sees the person (empty unless they read the register or are the person).

Recordings: listed for their readers (the judicial police, court leaders, the committee
office) and uploaders (judges, support staff, the police, judge2 in their own court);
a recording of the judge's duty is seen by its readers and the judge (404 for the rest,
judge2 and the city administrator included); a new version or a link is for the police
and the judge who uploaded it (403 for the other readers)."""

from __future__ import annotations

from typing import Any

from tests.matrix import ANON, LOGIN, Expect, each, in_court, judge_person

KEEPERS = {"police"}
DEVICE_READERS = {"police", "chair", "vicechair", "leader"}
RECORDING_READERS = {"police", "chair", "vicechair", "leader", "office"}
UPLOADERS = {"judge", "staff", "member", "chief", "police", "judge2"}
SEES_RECORDING = RECORDING_READERS | {"judge"}
OWNS_RECORDING = {"police", "judge"}


def _device(serial: str) -> Any:
    def kwargs() -> dict[str, Any]:
        from benchguard.equipment.models import Device

        return {"pk": Device.objects.get(court__division_code="370200", serial=serial).pk}

    return kwargs


HELD = _device("ZFJLY-2024-0001")  # issued to the judge, overdue
IN_STORE = _device("LYB-0007")


def open_issue() -> dict[str, Any]:
    from benchguard.equipment.models import DeviceIssue

    return {"pk": DeviceIssue.objects.get(device__serial="ZFJLY-2024-0001", returned_at__isnull=True).pk}


def open_fault() -> dict[str, Any]:
    from benchguard.equipment.models import DeviceFault

    return {"pk": DeviceFault.objects.get(device__serial="ZFJLY-2024-0002").pk}


def threat_recording() -> dict[str, Any]:
    from benchguard.equipment.demo import THREAT_TITLE, demo_recording

    return {"pk": demo_recording(THREAT_TITLE).pk}


def threat() -> dict[str, Any]:
    from benchguard.incidents.demo import FIRST_PLACE
    from benchguard.incidents.models import Incident

    return {"incident_pk": Incident.objects.get(place=FIRST_PLACE).pk}


# Who sees the demo's threat (the incident register's rule): its court-wide roles and the
# judge threatened.
SEES_THREAT = {"office", "chair", "vicechair", "leader", "police", "judge"}


def judge_holdings() -> dict[str, Any]:
    return {"person_pk": judge_person()["pk"]}


def keeper_record(kwargs: Any, readers: set[str] = DEVICE_READERS) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(readers, 403), **each(KEEPERS, 200)}, kwargs)


def recording_page(kwargs: Any = threat_recording) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(SEES_RECORDING, 200)}, kwargs)


def owner_page(kwargs: Any = threat_recording) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(SEES_RECORDING, 403), **each(OWNS_RECORDING, 200)}, kwargs)


_person_page = in_court(judge_holdings)

EXPECTED: dict[str, Expect] = {
    # The landing page sends everyone signed in on to their page (test_devices: where to).
    "equipment:index": Expect(302, {ANON: LOGIN}),
    "equipment:device_list": Expect(403, {ANON: LOGIN, **each(DEVICE_READERS, 200)}),
    "equipment:device_add": Expect(403, {ANON: LOGIN, **each(KEEPERS, 200)}),
    "equipment:device_detail": Expect(404, {ANON: LOGIN, **each(DEVICE_READERS, 200)}, HELD),
    "equipment:device_edit": keeper_record(HELD),
    "equipment:device_issue": keeper_record(IN_STORE),
    "equipment:device_fault": Expect(
        404, {ANON: LOGIN, **each(DEVICE_READERS, 403), **each({"police", "judge"}, 200)}, HELD
    ),
    "equipment:issue_return": keeper_record(open_issue, DEVICE_READERS | {"judge"}),
    "equipment:fault_repair": keeper_record(open_fault),
    "equipment:mine": Expect(200, {ANON: LOGIN}),
    "equipment:person_devices": Expect(_person_page.default, _person_page.per, judge_holdings),
    "equipment:incident_recordings": Expect(404, {ANON: LOGIN, **each(SEES_THREAT, 200)}, threat),
    "equipment:recording_list": Expect(403, {ANON: LOGIN, **each(RECORDING_READERS | UPLOADERS, 200)}),
    "equipment:recording_upload": Expect(403, {ANON: LOGIN, **each(UPLOADERS, 200)}),
    "equipment:recording_detail": recording_page(),
    "equipment:recording_play": recording_page(),
    "equipment:recording_download": recording_page(),
    "equipment:recording_report": recording_page(),
    "equipment:recording_verify": Expect(405, {ANON: LOGIN}, threat_recording),
    "equipment:recording_version": owner_page(),
    "equipment:recording_link": owner_page(),
    "api-equipment-device-list": Expect(200, {ANON: 401}),
    "api-equipment-device-detail": Expect(404, {ANON: 401, **each(DEVICE_READERS, 200)}, HELD),
    "api-equipment-device-issue": Expect(405, {ANON: 401}, IN_STORE),
    "api-equipment-device-return": Expect(405, {ANON: 401}, HELD),
    "api-equipment-recording-list": Expect(200, {ANON: 401}),
    "api-equipment-recording-detail": Expect(404, {ANON: 401, **each(SEES_RECORDING, 200)}, threat_recording),
    "api-equipment-recording-verify": Expect(405, {ANON: 401}, threat_recording),
}
