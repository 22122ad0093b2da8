"""`{{ match.reasons|match_reasons }}`: why the matcher found a person, in words."""

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
