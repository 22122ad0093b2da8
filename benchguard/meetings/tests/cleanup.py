"""Removing every meeting row, for tests that start from an empty database."""

from django.apps import apps


def delete_meetings_rows() -> None:
    for name in ("MeetingRequest", "MeetingRoom"):
        apps.get_model("meetings", name).objects.all().delete()
