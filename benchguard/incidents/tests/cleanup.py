"""Removing every incident and what hangs off it, for tests that start from an empty
database (before matters and persons of concern, which incidents protect)."""

from django.apps import apps


def delete_incident_rows() -> None:
    apps.get_model("notifications", "Notification").objects.filter(kind__startswith="incidents.").delete()
    for name in (
        "ProtectionLogEntry",
        "ProtectionRequest",
        "WarningTalk",
        "ActivationCall",
        "PlanActivation",
        "EmergencyPlan",
        "Reception",
        "ChainNotification",
        "Reconsideration",
        "Sanction",
        "PoliceRequest",
        "ProtectiveMeasure",
        "IncidentAttachment",
    ):
        apps.get_model("incidents", name).objects.all().delete()
    apps.get_model("incidents", "Incident").objects.all().delete()
