"""Django's own validation messages read as plain Chinese for court staff (core.django_messages):
the project's catalogue replaces Django's word-for-word wording; English stays Django's."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import translation


class _Form(forms.Form):
    day = forms.DateField()
    count = forms.IntegerField(min_value=1, max_value=5)
    note = forms.CharField(max_length=3)
    amount = forms.DecimalField(max_digits=4, decimal_places=2)


@pytest.mark.parametrize(
    ("data", "field", "zh", "en"),
    [
        ({}, "day", "此项为必填项。", "This field is required."),
        ({"day": "2026-13-40"}, "day", "请输入有效的日期。", "Enter a valid date."),
        ({"count": "x"}, "count", "请输入整数。", "Enter a whole number."),
        ({"count": "9"}, "count", "不能大于 5。", "Ensure this value is less than or equal to 5."),
        ({"count": "0"}, "count", "不能小于 1。", "Ensure this value is greater than or equal to 1."),
        (
            {"note": "四个汉字"},
            "note",
            "最多 3 个字（现有 4 个）。",
            "Ensure this value has at most 3 characters (it has 4).",
        ),
        (
            {"amount": "123.4"},
            "amount",
            "整数部分最多 2 位。",
            "Ensure that there are no more than 2 digits before the decimal point.",
        ),
        (
            {"amount": "1.234"},
            "amount",
            "小数最多 2 位。",
            "Ensure that there are no more than 2 decimal places.",
        ),
    ],
)
def test_form_messages_in_plain_chinese_and_django_english(
    data: dict[str, str], field: str, zh: str, en: str
) -> None:
    with translation.override("zh-hans"):
        assert zh in _Form(data).errors[field]
    with translation.override("en"):
        assert en in _Form(data).errors[field]


def test_a_model_validator_speaks_the_same() -> None:
    from django.core.validators import MaxValueValidator

    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        MaxValueValidator(30)(31)
    assert refused.value.messages == ["不能大于 30。"]
