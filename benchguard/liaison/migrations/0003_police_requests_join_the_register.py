"""The incident register's requests to the police (incidents.PoliceRequest, 商请公安机关)
become requests of the one liaison register (A19); incidents' migration 0007 then drops
their table.

Each request keeps its incident, texts, dates, reference, response (as the answer),
follow-up, sender, timestamps and version, and its old id (`former_police_request`,
which the audit lines written before the move name, object type
incidents.policerequest). Its body is the court's directory entry named as the police
unit was, found or else added as a public-security body; the judge it concerns is the
incident's first protected person, else its case judge. A request with a response is
answered. Nothing is written to the audit trail: the move changes no fact.

The reverse moves back what the old model can hold: every request about an incident
sent to a public-security body."""

from django.db import migrations
from django.db.models import Q

PUBLIC_SECURITY = "public_security"
UNNAMED_UNIT = "公安机关"


def _agency(Agency, cache, court_id, unit, when):
    name = (unit or "").strip()[:100] or UNNAMED_UNIT
    key = (court_id, name)
    if key not in cache:
        agency = Agency.objects.filter(court_id=court_id, name=name).first()
        if agency is None:
            agency = Agency.objects.create(
                court_id=court_id, kind=PUBLIC_SECURITY, name=name, created_at=when, updated_at=when
            )
        cache[key] = agency
    return cache[key]


def move_police_requests(apps, schema_editor):
    PoliceRequest = apps.get_model("incidents", "PoliceRequest")
    Agency = apps.get_model("liaison", "Agency")
    LiaisonRequest = apps.get_model("liaison", "LiaisonRequest")
    moved = set(LiaisonRequest.objects.filter(former_police_request__isnull=False).values_list(
        "former_police_request", flat=True
    ))
    cache = {}
    for old in PoliceRequest.objects.select_related("incident").order_by("pk").iterator():
        if old.pk in moved:
            continue
        incident = old.incident
        judge_id = incident.targets.order_by("pk").values_list("pk", flat=True).first() or incident.case_judge_id
        answered = bool(old.response.strip())
        answered_on = None
        if answered:
            answered_on = max(old.response_on or old.updated_at.date(), old.sent_on)
        LiaisonRequest.objects.create(
            court_id=incident.court_id,
            agency=_agency(Agency, cache, incident.court_id, old.police_unit, old.created_at),
            request_text=old.request_text,
            judge_id=judge_id,
            incident_id=incident.pk,
            sent_on=old.sent_on,
            reference=old.reference,
            status="answered" if answered else "sent",
            answer=old.response,
            answered_on=answered_on,
            follow_up=old.follow_up,
            sent_by_id=old.sent_by_id,
            former_police_request=old.pk,
            version=old.version,
            created_at=old.created_at,
            updated_at=old.updated_at,
        )


def move_back(apps, schema_editor):
    PoliceRequest = apps.get_model("incidents", "PoliceRequest")
    LiaisonRequest = apps.get_model("liaison", "LiaisonRequest")
    rows = LiaisonRequest.objects.filter(Q(incident__isnull=False) & Q(agency__kind=PUBLIC_SECURITY))
    for row in rows.select_related("agency").order_by("pk"):
        PoliceRequest.objects.create(
            incident_id=row.incident_id,
            police_unit=row.agency.name,
            sent_on=row.sent_on,
            reference=row.reference,
            request_text=row.request_text,
            response=row.answer,
            response_on=row.answered_on,
            follow_up=row.follow_up,
            sent_by_id=row.sent_by_id,
            version=row.version,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )
    rows.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("liaison", "0002_liaison_request"),
        ("incidents", "0006_incident_court_recent"),
    ]

    operations = [migrations.RunPython(move_police_requests, move_back)]
