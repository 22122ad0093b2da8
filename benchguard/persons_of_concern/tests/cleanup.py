"""Removing every person of concern, for tests that start from an empty database."""

from benchguard.persons_of_concern.models import (
    ControlledListEntry,
    DepartmentLog,
    IdentityDocument,
    NameKey,
    PersonName,
    PersonOfConcern,
    PhoneNumber,
)


def delete_persons_of_concern_rows() -> None:
    for model in (DepartmentLog, ControlledListEntry, IdentityDocument, PhoneNumber, NameKey, PersonName):
        model.objects.all().delete()  # type: ignore[attr-defined]
    PersonOfConcern.objects.all().delete()
