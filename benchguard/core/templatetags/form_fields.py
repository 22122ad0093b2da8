"""`{% if form|has_required_fields %}`: whether a form shows a required field, so the
shared form partial prints the legend of the asterisk only where one is used."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def has_required_fields(form: Any) -> bool:
    return any(field.field.required for field in form.visible_fields())
