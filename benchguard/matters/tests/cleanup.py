"""Removing every matter, for tests that start from an empty database."""

from benchguard.matters.models import Matter, MatterSettings, MatterSource, RegistrationCounter
from benchguard.notifications.models import Notification


def delete_matter_rows() -> None:
    MatterSource.objects.all().delete()  # the links to the registers' records first
    # Resubmissions protect the application they resubmit: delete them first.
    while Matter.objects.filter(resubmissions__isnull=True).exists():
        Matter.objects.filter(resubmissions__isnull=True).delete()
    Notification.objects.filter(kind="matters").delete()
    RegistrationCounter.objects.all().delete()
    MatterSettings.objects.all().delete()
