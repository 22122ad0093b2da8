"""Names joined in the user's language: 、 in Chinese, a comma in English."""

from __future__ import annotations

from django.template import Context, Template
from django.utils import translation

from benchguard.core.text import join_list


def test_names_are_joined_in_the_user_s_language() -> None:
    with translation.override("zh-hans"):
        assert join_list(["王立明", "周海"]) == "王立明、周海"
    with translation.override("en"):
        assert join_list(["Wang", "Zhou"]) == "Wang, Zhou"


def test_the_names_filter_takes_the_name_and_says_none_for_nothing() -> None:
    class Named:
        def __init__(self, name: str) -> None:
            self.name = name

    template = Template("{% load listing %}{{ people|names }}")
    with translation.override("zh-hans"):
        assert template.render(Context({"people": [Named("王立明"), Named("周海")]})) == "王立明、周海"
        assert template.render(Context({"people": []})) == "—"
