"""Removing every person of concern, for tests that start from an empty database."""

from benchguard.persons_of_concern import models


def delete_persons_of_concern_rows() -> None:
    from benchguard.notifications.models import Notification

    Notification.objects.filter(kind__startswith="persons_of_concern.").delete()
    for model in (
        models.EntryCitation,
        models.EntryCorrection,
        models.EntryObjection,
        models.DepartmentLog,
        models.ControlledListEntry,
        models.IdentityDocument,
        models.PhoneNumber,
        models.NameKey,
        models.PersonName,
    ):
        model.objects.all().delete()
    models.PersonOfConcern.objects.all().delete()
