"""Incident evidence is typed by its content and downloaded with the type checked at
upload, never one taken from the original file name (issue 9, points 7 and 18)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from benchguard.incidents import services
from benchguard.incidents.choices import IncidentKind, PlanKind
from benchguard.incidents.models import IncidentAttachment

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2mp41" + b"\x00" * 64


def test_a_photo_declared_as_html_is_stored_and_served_as_the_png_it_is(report, persona, client_as) -> None:
    incident = report(IncidentKind.THREAT, actor="judge")
    with pytest.raises(ValidationError) as caught:  # a name that says another type is refused
        services.add_attachment(
            actor=persona("judge"),
            incident=incident,
            upload=SimpleUploadedFile("监控截图.html", PNG, content_type="text/html"),
        )
    assert [e.code for e in caught.value.error_dict["file"]] == ["name"]
    attachment = services.add_attachment(
        actor=persona("judge"),
        incident=incident,
        upload=SimpleUploadedFile("监控截图", PNG, content_type="text/html"),
    )
    assert IncidentAttachment.objects.get(pk=attachment.pk).content_type == "image/png"
    response = client_as("judge").get(reverse("incidents:attachment_download", args=[attachment.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PNG


def test_a_video_recording_is_kept_as_video(report, persona) -> None:
    incident = report(IncidentKind.THREAT, actor="judge")
    attachment = services.add_attachment(
        actor=persona("judge"),
        incident=incident,
        upload=SimpleUploadedFile("执法记录仪.mp4", MP4, content_type="application/octet-stream"),
    )
    assert attachment.content_type == "video/mp4"
    assert attachment.file.name.endswith(".mp4")


@pytest.mark.parametrize(
    ("name", "content", "declared"),
    [
        ("监控.mp4", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "video/mp4"),
        ("笔录.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "application/pdf"),
        ("说明.txt", b"<html><script>alert(1)</script></html>", "text/plain"),
        ("照片.png", b'<svg xmlns="http://www.w3.org/2000/svg"/>', "image/png"),
    ],
)
def test_a_disguised_program_or_markup_is_refused_and_nothing_kept(
    report, persona, name, content, declared
) -> None:
    incident = report(IncidentKind.THREAT, actor="judge")
    with pytest.raises(ValidationError) as caught:
        services.add_attachment(
            actor=persona("judge"),
            incident=incident,
            upload=SimpleUploadedFile(name, content, content_type=declared),
        )
    assert [e.code for e in caught.value.error_dict["file"]] == ["type"]
    assert not incident.attachments.exists()


def test_a_plan_is_downloaded_with_the_type_of_its_checked_content(persona, court, client_as) -> None:
    plan = services.add_plan(
        actor=persona("police"),
        court=court,
        kind=PlanKind.HEARING,
        title="庭审突发事件预案",
        upload=SimpleUploadedFile("预案", b"%PDF-1.4\n%%EOF\n", content_type="text/html"),
    )
    response = client_as("police").get(reverse("incidents:plan_download", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    b"".join(response.streaming_content)
