"""`{% once_token %}`: the hidden one-time token of a POST form (issue 9, `core.once`).

Put it beside `{% csrf_token %}` in every form that creates or changes something; it is a
builtin (settings.TEMPLATES), so no `{% load %}` is needed. Each use renders a new token,
so every form on a page is its own submission.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from benchguard.core import once

register = template.Library()


@register.simple_tag
def once_token() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', once.FIELD, once.new_token())
