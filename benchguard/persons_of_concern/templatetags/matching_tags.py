"""`{{ match.reasons|match_reasons }}`: why the matcher found a person, in words;
`{{ name|entry_field_label }}`: a list entry's field, by its verbose name."""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.translation import gettext_lazy as _

from benchguard.core.text import join_list

register = template.Library()

REASON_LABELS = {
    "document": _("same document number"),
    "phone": _("same phone number"),
    "name:primary": _("same name"),
    "name:alias": _("same as an alias"),
    "name:former": _("same as a former name"),
    "pinyin": _("same pinyin"),
    "initials": _("same initials"),
}


@register.filter
def match_reasons(reasons: Iterable[str]) -> str:
    return join_list(REASON_LABELS.get(reason, reason) for reason in reasons)


@register.filter
def entry_field_label(name: str) -> str:
    from django.core.exceptions import FieldDoesNotExist

    from benchguard.persons_of_concern.models import ControlledListEntry

    try:
        return str(getattr(ControlledListEntry._meta.get_field(name), "verbose_name", name))
    except FieldDoesNotExist:  # a field no longer on the model: its stored name
        return name


@register.filter
def entry_field_value(value: str, name: str) -> str:
    """A stored value of a corrected fact, with a choice shown by its label."""
    from benchguard.persons_of_concern.choices import ListLevel

    if name == "level" and value in ListLevel.values:
        return str(ListLevel(value).label)
    return value
