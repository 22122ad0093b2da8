"""Removing every person of concern, for tests that start from an empty database."""

from benchguard.persons_of_concern.models import (
    ControlledListEntry,
    DepartmentLog,
    EntryCitation,
    EntryCorrection,
    EntryObjection,
    IdentityDocument,
    NameKey,
    PersonName,
    PersonOfConcern,
    PhoneNumber,
)


def delete_persons_of_concern_rows() -> None:
    from benchguard.notifications.models import Notification

    Notification.objects.filter(kind__startswith="persons_of_concern.").delete()
    for model in (
        EntryCitation,
        EntryCorrection,
        EntryObjection,
        DepartmentLog,
        ControlledListEntry,
        IdentityDocument,
        PhoneNumber,
        NameKey,
        PersonName,
    ):
        model.objects.all().delete()
    PersonOfConcern.objects.all().delete()
