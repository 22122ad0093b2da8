"""Who sees which incident across two courts (invisible → 404), attachments with their
SHA-256, the Excel export, the register's query count, linking persons of concern, and
the pages that report an incident and record a sanction."""

from __future__ import annotations

import datetime as dt
import hashlib
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from benchguard.incidents import services
from benchguard.incidents.choices import IncidentKind, MeasureKind, Nature, SanctionMeasure
from benchguard.incidents.models import Incident, IncidentAttachment, Sanction
from benchguard.incidents.tests.helpers import add_measure, field_codes
from benchguard.persons_of_concern.models import PersonOfConcern

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def detail(incident: Incident) -> str:
    return reverse("incidents:incident_detail", args=[incident.pk])


@pytest.fixture
def base_threat(report, base_court, person_of):
    """A threat judge2 reported at the Shinan base court, about themselves."""
    return report(
        IncidentKind.THREAT,
        actor="judge2",
        court=base_court,
        targets=[person_of("judge2")],
        place="市南区法院停车场东侧",
    )


@pytest.fixture
def about_member(report, person_of):
    """A threat the support staff reported on behalf of judge 孙丽 (member)."""
    return report(IncidentKind.THREAT, actor="staff", targets=[person_of("member")])


# --- Seeing incidents -------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["police", "office", "judge", "chair", "guard"])
def test_a_base_court_incident_is_invisible_at_the_intermediate_court(
    client_as, base_threat, username
) -> None:
    assert client_as("judge2").get(detail(base_threat)).status_code == 200
    assert client_as(username).get(detail(base_threat)).status_code == 404


def test_an_intermediate_court_incident_is_invisible_to_the_base_court_judge(report, client_as) -> None:
    incident = report(IncidentKind.CRIME, actor="police")
    assert client_as("police").get(detail(incident)).status_code == 200
    assert client_as("judge2").get(detail(incident)).status_code == 404


def test_the_reporter_and_the_protected_judge_see_the_incident(about_member, client_as, persona) -> None:
    assert client_as("staff").get(detail(about_member)).status_code == 200
    assert client_as("member").get(detail(about_member)).status_code == 200
    assert Incident.objects.visible_to(persona("member")).filter(pk=about_member.pk).exists()


@pytest.mark.parametrize(
    "username", ["guard", "judge", "clerk", "chief", "personnel", "outsider", "cityadmin"]
)
def test_those_not_involved_do_not_see_the_incident(about_member, client_as, username) -> None:
    assert client_as(username).get(detail(about_member)).status_code == 404


def test_the_owner_of_a_measure_sees_the_incident(about_member, client_as, persona, person_of) -> None:
    assert client_as("clerk").get(detail(about_member)).status_code == 404
    add_measure(about_member, person_of("clerk"), actor=persona("police"), kind=MeasureKind.ROUTE_CHANGE)
    assert client_as("clerk").get(detail(about_member)).status_code == 200
    assert client_as("guard").get(detail(about_member)).status_code == 404


# --- Attachments ------------------------------------------------------------------------------------


def test_an_attachment_keeps_its_sha256_and_is_downloaded_by_who_sees_it(report, persona, client_as) -> None:
    incident = report(IncidentKind.THREAT, actor="judge")
    attachment = services.add_attachment(
        actor=persona("judge"),
        incident=incident,
        upload=SimpleUploadedFile("监控截图.png", PNG, content_type="image/png"),
    )
    stored = IncidentAttachment.objects.get(pk=attachment.pk)
    assert stored.sha256 == hashlib.sha256(PNG).hexdigest()
    assert stored.size == len(PNG) and stored.content_type == "image/png" and stored.name == "监控截图.png"
    url = reverse("incidents:attachment_download", args=[attachment.pk])
    response = client_as("judge").get(url)
    assert response.status_code == 200
    # Reading the stream to its end closes the file (the test client's wrapper does it);
    # closing the response by hand would fire request_finished and drop the connection.
    assert b"".join(response.streaming_content) == PNG
    assert client_as("judge2").get(url).status_code == 404
    assert client_as("guard").get(url).status_code == 404


def test_an_attachment_of_a_disallowed_type_is_refused(report, persona) -> None:
    incident = report(IncidentKind.THREAT, actor="judge")
    with pytest.raises(ValidationError) as caught:
        services.add_attachment(
            actor=persona("judge"),
            incident=incident,
            upload=SimpleUploadedFile("工具.exe", b"MZ\x90\x00", content_type="application/x-msdownload"),
        )
    assert field_codes(caught.value, "file") == ["type"]
    assert not incident.attachments.exists()


def test_a_judge_not_involved_attaches_nothing(report, persona) -> None:
    incident = report(IncidentKind.CRIME, actor="police")
    with pytest.raises(PermissionDenied):
        services.add_attachment(
            actor=persona("judge"),
            incident=incident,
            upload=SimpleUploadedFile("照片.png", PNG, content_type="image/png"),
        )


# --- The export and the register -------------------------------------------------------------------


def test_the_export_holds_only_the_polices_court(report, base_threat, court, client_as) -> None:
    ours = report(IncidentKind.DISTURBANCE, actor="police", place="法院北门广场")
    response = client_as("police").get(reverse("incidents:incident_export"))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    assert sheet is not None
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert rows
    assert {row[1] for row in rows} == {court.short_name}
    assert ours.pk in {row[0] for row in rows}
    assert base_threat.pk not in {row[0] for row in rows}
    places = {row[5] for row in rows}
    assert "法院北门广场" in places and "市南区法院停车场东侧" not in places


@pytest.mark.parametrize("username", ["judge", "judge2", "guard"])
def test_a_judge_does_not_export(client_as, username) -> None:
    assert client_as(username).get(reverse("incidents:incident_export")).status_code == 403


# --- Persons of concern ----------------------------------------------------------------------------


def test_the_police_link_a_person_of_concern_and_a_judge_may_not(report, persona) -> None:
    incident = report(IncidentKind.THREAT, actor="judge")
    shan = PersonOfConcern.objects.get(name="单立新")
    with pytest.raises(PermissionDenied):
        services.link_perpetrator(actor=persona("judge"), incident=incident, person=shan)
    assert not incident.perpetrators.exists()
    services.link_perpetrator(actor=persona("police"), incident=incident, person=shan)
    assert list(incident.perpetrators.all()) == [shan]
    assert incident in shan.incidents.all()
    with pytest.raises(ValidationError) as caught:
        services.link_perpetrator(actor=persona("police"), incident=incident, person=shan)
    assert "person" in caught.value.error_dict


# --- The pages --------------------------------------------------------------------------------------


def report_data(court, judge, **overrides):
    data = {
        "court": court.pk,
        "nature": Nature.STALKING,
        "occurred_at": timezone.localtime(timezone.now() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        "place": "法官住所楼下停车场",
        "description": "当事人连续两晚在法官住所楼下守候。",
        "targets": [judge.pk],
        "case_number": "（2026）鲁02民终777号",
        "perpetrator_description": "戴黑色帽子的中年男子",
    }
    data.update(overrides)
    return data


def test_a_judge_reports_a_threat_through_the_page(client_as, court, person_of, persona) -> None:
    response = client_as("judge").post(
        reverse("incidents:report", args=["threat"]), report_data(court, person_of("judge"))
    )
    assert response.status_code == 302
    incident = Incident.objects.get(place="法官住所楼下停车场")
    assert response["Location"] == detail(incident)
    assert incident.kind == IncidentKind.THREAT and incident.nature == Nature.STALKING
    assert incident.reported_by == persona("judge")
    assert list(incident.targets.all()) == [person_of("judge")]
    assert incident.case_number == "（2026）鲁02民终777号"


def test_a_refused_report_comes_back_with_the_input(client_as, court, person_of) -> None:
    before = Incident.objects.count()
    response = client_as("judge").post(
        reverse("incidents:report", args=["threat"]), report_data(court, person_of("judge"), place="")
    )
    assert response.status_code == 200
    assert Incident.objects.count() == before
    assert response.context["form"].errors["place"]
    html = response.content.decode()
    assert 'data-field-error="place"' in html
    assert "当事人连续两晚在法官住所楼下守候。" in html
    assert "戴黑色帽子的中年男子" in html
    assert "（2026）鲁02民终777号" in html


def test_a_fine_over_the_cap_comes_back_on_the_page(report, client_as) -> None:
    incident = report(IncidentKind.COURTROOM, actor="judge")
    response = client_as("judge").post(
        reverse("incidents:add_sanction", args=[incident.pk]),
        {
            "measure": SanctionMeasure.FINE,
            "subject_kind": "individual",
            "subject_name": "钱多多",
            "amount": 200_000,
            "reason": "多次扰乱法庭秩序。",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "钱多多" in html
    assert "100,000" in html
    assert response.context["sanction_form"].has_error("amount", "over_cap")
    assert not Sanction.objects.filter(incident=incident).exists()


def test_the_police_find_a_person_of_concern_by_name_and_link_them(report, client_as) -> None:
    from benchguard.persons_of_concern.models import PersonOfConcern

    incident = report(IncidentKind.THREAT)
    url = reverse("incidents:incident_detail", args=[incident.pk])
    client = client_as("police")
    page = client.post(url, {"poc": "shanlixin"})  # pinyin finds 单立新 by the surname reading
    shan = PersonOfConcern.objects.get(name="单立新")
    assert page.status_code == 200
    assert f'name="person" value="{shan.pk}"' in page.content.decode()
    # Sent by POST: a name or ID number in the address would stay in the access log.
    assert f'name="person" value="{shan.pk}"' not in client.get(url, {"poc": "shanlixin"}).content.decode()
    response = client.post(reverse("incidents:link_perpetrator", args=[incident.pk]), {"person": shan.pk})
    assert response.status_code == 302
    assert list(incident.perpetrators.all()) == [shan]
    # A judge's page has no search at all: the city-wide list is not theirs to read.
    judge_page = client_as("judge").post(url, {"poc": "shanlixin"})
    assert 'name="poc"' not in judge_page.content.decode()
