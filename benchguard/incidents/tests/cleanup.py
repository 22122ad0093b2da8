"""Removing every incident and what hangs off it, for tests that start from an empty
database (before matters and persons of concern, which incidents protect). Requests for
after-hours protection may point at an incident: they go first."""

from django.apps import apps


def delete_incident_rows() -> None:
    apps.get_model("notifications", "Notification").objects.filter(kind__startswith="incidents.").delete()
    for name in ("ProtectionLogEntry", "ProtectionRequest"):
        apps.get_model("after_hours", name).objects.all().delete()
    for name in (
        "WarningTalk",
        "ActivationCall",
        "PlanActivation",
        "EmergencyPlan",
        "Reception",
        "ChainNotification",
        "Reconsideration",
        "Sanction",
        "ProtectiveMeasure",
        "IncidentAttachment",
    ):
        apps.get_model("incidents", name).objects.all().delete()
    apps.get_model("incidents", "Incident").objects.all().delete()
