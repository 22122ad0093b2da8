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


def test_a_span_of_time_names_the_end_s_date_only_when_it_is_another_day() -> None:
    import datetime as dt
    from zoneinfo import ZoneInfo

    shanghai = ZoneInfo("Asia/Shanghai")
    template = Template("{% load listing %}{% span starts ends %}")

    def render(starts: object, ends: object) -> str:
        return template.render(Context({"starts": starts, "ends": ends}))

    evening = dt.datetime(2026, 12, 8, 23, 0, tzinfo=shanghai)
    morning = evening - dt.timedelta(hours=13)
    assert render(morning, morning + dt.timedelta(hours=1)) == "2026-12-08 10:00–11:00"
    assert render(evening, evening + dt.timedelta(hours=2)) == "2026-12-08 23:00–2026-12-09 01:00"
    # Stored in UTC (15:00), written in the court's time.
    assert render(evening.astimezone(dt.UTC), None) == "2026-12-08 23:00"
    assert render(None, None) == "—"
