"""Choices of the equipment area (A10.1, A10.2). A stored value never changes meaning."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeviceKind(models.TextChoices):
    RECORDING_PHONE = "recording_phone", _("Recording office phone")
    BODY_CAMERA = "body_camera", _("Body-worn recorder")
    VOICE_RECORDER = "voice_recorder", _("Voice recorder")
    OTHER = "other", _("Other recording device")


class DeviceState(models.TextChoices):
    """Where a device is: in the store, issued to someone, under repair, or retired."""

    IN_STORE = "in_store", _("In store")
    ISSUED = "issued", _("Issued to a holder")
    IN_REPAIR = "in_repair", _("Under repair")
    RETIRED = "retired", _("Retired")


class ReturnCondition(models.TextChoices):
    GOOD = "good", _("In good order")
    DAMAGED = "damaged", _("Damaged")
    LOST = "lost", _("Lost")


class FaultStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    IN_REPAIR = "in_repair", _("Sent for repair")
    REPAIRED = "repaired", _("Repaired")
    WRITTEN_OFF = "written_off", _("Cannot be repaired")


class RecordingKind(models.TextChoices):
    """What a recording documents; each kind has its own retention (settings)."""

    DUTY = "duty", _("Performance of duty")
    FIELD_ENFORCEMENT = "field_enforcement", _("Field enforcement")
    MEETING = "meeting", _("Meeting with a party")
    COURTROOM = "courtroom", _("Courtroom order")
    OTHER = "other", _("Other")


class Integrity(models.TextChoices):
    """What the last check of the stored bytes against the SHA-256 taken at upload found."""

    UNCHECKED = "unchecked", _("Not yet re-checked")
    INTACT = "intact", _("Intact")
    TAMPERED = "tampered", _("Tampered: the stored bytes have changed")
    MISSING = "missing", _("Missing: the stored file cannot be found")
    PURGED = "purged", _("Deleted after its retention period")
