"""The equipment API (A10.1, A10.2): a kiosk or scanner issues and takes back a device
found by its serial; a docking station uploads a recording (multipart); scoped like the
pages."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.test import Client
from django.urls import reverse
from django.utils import translation

from benchguard.equipment.choices import DeviceState
from benchguard.equipment.models import Device, Recording
from benchguard.equipment.samples import mp4_bytes, mp4_upload
from benchguard.organization.models import Account, Person


def test_a_scanner_issues_and_takes_back_a_device_by_its_serial(
    device: Device, person_of: Callable[[str], Person], client_as: Callable[[str], Client]
) -> None:
    client = client_as("police")
    found = client.get(reverse("api-equipment-device-list"), {"serial": "test-0001"}).json()
    assert [row["id"] for row in found["results"]] == [device.pk]
    issued = client.post(
        reverse("api-equipment-device-issue", args=[device.pk]),
        {"holder": person_of("judge").pk, "purpose": "外出执行"},
        content_type="application/json",
    )
    assert issued.status_code == 201, issued.json()
    again = client.post(
        reverse("api-equipment-device-issue", args=[device.pk]),
        {"holder": person_of("chief").pk},
        content_type="application/json",
    )
    assert again.status_code == 400
    returned = client.post(
        reverse("api-equipment-device-return", args=[device.pk]),
        {"condition": "good"},
        content_type="application/json",
    )
    assert returned.status_code == 200 and returned.json()["return_condition"] == "good"
    device.refresh_from_db()
    assert device.state == DeviceState.IN_STORE


def test_only_the_keepers_issue_through_the_api(device: Device, client_as: Callable[[str], Client]) -> None:
    response = client_as("leader").post(
        reverse("api-equipment-device-issue", args=[device.pk]),
        {"holder": 1},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client_as("judge").get(reverse("api-equipment-device-detail", args=[device.pk])).status_code == 404


def test_a_docking_station_uploads_a_recording(device: Device, client_as: Callable[[str], Client]) -> None:
    client = client_as("judge")
    response = client.post(
        reverse("api-equipment-recording-list"),
        {
            "file": mp4_upload("DSJ_0009.mp4", 7000),
            "kind": "field_enforcement",
            "title": "执行现场",
            "recorded_at": "2026-01-05T10:30:00+08:00",
            "device_serial": "TEST-0001",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(mp4_bytes(7000)).hexdigest()
    recording = Recording.objects.get(pk=body["id"])
    assert recording.device == device and recording.person.account.username == "judge"  # type: ignore[union-attr]
    verified = client.post(reverse("api-equipment-recording-verify", args=[recording.pk]))
    assert verified.status_code == 200 and verified.json()["result"] == "intact"
    assert (
        client_as("judge2").get(reverse("api-equipment-recording-detail", args=[recording.pk])).status_code
        == 404
    )


def test_an_upload_of_the_wrong_type_is_refused_by_field(client_as: Callable[[str], Client]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as("judge").post(
        reverse("api-equipment-recording-list"),
        {
            "file": SimpleUploadedFile("a.mp4", b"<html><script>x</script></html>", "video/mp4"),
            "kind": "duty",
            "title": "x",
            "recorded_at": "2026-01-05T10:30:00+08:00",
        },
    )
    assert response.status_code == 400 and "file" in response.json()


def test_the_api_refusal_names_the_recording_types_not_documents(client_as: Callable[[str], Client]) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as("judge")
    Account.objects.filter(username="judge").update(language="en")  # the API speaks the caller's language
    with translation.override("en"):
        response = client.post(
            reverse("api-equipment-recording-list"),
            {
                "file": SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
                "kind": "duty",
                "title": "x",
                "recorded_at": "2026-01-05T10:30:00+08:00",
            },
        )
    assert response.status_code == 400
    message = " ".join(response.json()["file"])
    assert "MP3" in message and "MP4" in message and "MOV" in message
    assert "PDF" not in message and "Word" not in message
