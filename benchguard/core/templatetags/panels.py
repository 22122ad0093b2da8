"""`{% render_panel panel as html %}`: a home panel rendered in the page's context, so
the home page can leave out the column of a panel that has nothing to show (a panel
template renders empty when, for example, no visitor waits at the gate)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def render_panel(context: template.Context, panel: dict[str, Any]) -> SafeString:
    panel_template = context.template.engine.get_template(panel["template"])  # type: ignore[union-attr]
    with context.push(panel=panel):
        html = panel_template.render(context)
    return mark_safe(html.strip())  # noqa: S308 - the output of our own autoescaped template
