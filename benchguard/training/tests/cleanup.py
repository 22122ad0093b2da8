"""Removing every training row, for tests that start from an empty database."""

from django.apps import apps


def delete_training_rows() -> None:
    apps.get_model("notifications", "Notification").objects.filter(kind__startswith="training.").delete()
    for name in ("DrillFollowUp", "Drill", "Attendance", "Session", "Course", "TrainingSettings"):
        apps.get_model("training", name).objects.all().delete()
