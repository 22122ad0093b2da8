"""Who keeps the court's recording devices and who reads and adds recordings (A10).

Devices: the judicial police keep them (the court's equipment keeper: the judicial
police detachment issues body-worn recorders and recording phones for duty and field
enforcement). They add devices, issue and take them back, and record faults and
repairs; court leaders read the register. Everyone sees what they hold themselves
("My equipment", and the holdings on their own directory page).

Recordings: judges, support staff (enforcement officers) and the judicial police
upload the recordings of their duty; they read the recordings they uploaded or that
record their own duty. The judicial police (who keep the evidence), court leaders and
the committee office read every recording of their court. Nobody else — the court's
IT administrator and the city administrator included — sees a recording: it shows
people at work and the parties they dealt with. Every look at a recording's content
(playing it, downloading it, printing its verification report) is a logged read
(services.open_recording)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.organization.choices import Role

if TYPE_CHECKING:
    from benchguard.equipment.models import Device, DeviceIssue, Recording

KEEPERS = frozenset({Role.JUDICIAL_POLICE})
DEVICE_READERS = KEEPERS | frozenset({Role.COURT_LEADER, Role.COURT_PRESIDENT})
RECORDING_READERS = frozenset(
    {Role.JUDICIAL_POLICE, Role.COURT_LEADER, Role.COURT_PRESIDENT, Role.COMMITTEE_OFFICE}
)
UPLOADERS = frozenset({Role.JUDGE, Role.SUPPORT_STAFF, Role.JUDICIAL_POLICE})


def keeper_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, KEEPERS)


def device_reader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, DEVICE_READERS)


def recording_reader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, RECORDING_READERS)


def uploader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, UPLOADERS)


def can_read_devices(user: Any) -> bool:
    return bool(device_reader_court_ids(user))


def can_keep(user: Any, court_id: int | None = None) -> bool:
    """May the user add devices, issue and take them back, and record faults (in the
    court, when given)?"""
    if court_id is None:
        return bool(keeper_court_ids(user))
    return has_role(user, *KEEPERS, court_id=court_id)


def can_keep_device(user: Any, device: Device) -> bool:
    return can_keep(user, device.court_id)


def can_report_fault(user: Any, device: Device) -> bool:
    """The keepers, and whoever holds the device now."""
    from benchguard.equipment.models import DeviceIssue

    if can_keep_device(user, device):
        return True
    return bool(getattr(user, "is_authenticated", False)) and (
        DeviceIssue.objects.filter(device=device, returned_at__isnull=True, holder__account=user).exists()
    )


def can_take_back(user: Any, issue: DeviceIssue) -> bool:
    return can_keep(user, issue.device.court_id)


def can_list_recordings(user: Any) -> bool:
    """Whoever reads a court's recordings or adds their own has the list."""
    return bool(recording_reader_court_ids(user) or uploader_court_ids(user))


def can_upload(user: Any, court_id: int | None = None) -> bool:
    ids = uploader_court_ids(user)
    return bool(ids) if court_id is None else court_id in ids


def _own(user: Any, recording: Recording) -> bool:
    person = recording.person
    return recording.uploaded_by_id == user.pk or (person is not None and person.account_id == user.pk)


def can_add_version(user: Any, recording: Recording) -> bool:
    """The uploader of a recording of their own duty, or the court's judicial police,
    may add a corrected file as a new version."""
    return can_keep(user, recording.court_id) or (
        _own(user, recording) and can_upload(user, recording.court_id)
    )


def can_link(user: Any, recording: Recording) -> bool:
    """Keep the recording with an incident, a sanction or a matter: its uploader or the
    court's judicial police (the record must be one the user sees, services)."""
    return can_add_version(user, recording)
