from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class NameKind(models.TextChoices):
    PRIMARY = "primary", _("Name")
    ALIAS = "alias", _("Alias")
    FORMER = "former", _("Former name")


class ListLevel(models.TextChoices):
    """How closely the person is watched; a stored value never changes meaning."""

    ATTENTION = "attention", _("Attention")
    KEY = "key", _("Key")
    STRICT = "strict", _("Strict")


class EntryStatus(models.TextChoices):
    """Derived from the entry's dates, never stored."""

    PROPOSED = "proposed", _("Proposed, awaiting approval")
    ACTIVE = "active", _("Active")
    EXPIRED = "expired", _("Expired")
    REMOVED = "removed", _("Removed")


class ObjectionBy(models.TextChoices):
    """Who raised an objection to a list entry (A15); staff record it."""

    PERSON = "person", _("The listed person")
    LAWYER = "lawyer", _("Their lawyer")
    OTHER = "other", _("Another representative")


class ObjectionDecision(models.TextChoices):
    """How the proposing court's office or leaders decided an objection; a stored value
    never changes meaning."""

    UPHELD_REMOVED = "upheld_removed", _("Upheld: the entry is removed")
    UPHELD_CORRECTED = "upheld_corrected", _("Upheld: the entry is corrected")
    DISMISSED = "dismissed", _("Dismissed")
