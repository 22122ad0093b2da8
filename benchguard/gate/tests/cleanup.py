"""Removing every gate row, for tests that start from an empty database (first: held
items protect incidents, visits protect people)."""

from django.apps import apps


def delete_gate_rows() -> None:
    apps.get_model("notifications", "Notification").objects.filter(kind__startswith="gate.").delete()
    for name in (
        "HeldItem",
        "EntryRefusal",
        "CheckpointShift",
        "CheckpointSettings",
        "PassageEntry",
        "DayEndRecord",
        "DayClosing",
        "HoldDecisionRecord",
        "CheckDecisionRecord",
        "ScreeningHit",
        "PartyArrival",
        "IdDeposit",
        "Visit",
        "Post",
    ):
        apps.get_model("gate", name).objects.all().delete()
