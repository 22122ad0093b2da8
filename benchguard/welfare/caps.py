"""The example cap table seeded by migration 0002 (A21): Anhui province's trade-union
condolence caps (2018, under 总工办〔2017〕32号), labelled as an example. The city
administrator replaces them with the court's own province's figures in the admin.
Serious illness and hardship have no figure of their own in that rule: the example
uses the hospitalisation cap for both, and a harm in the line of duty the member's
death cap, to be confirmed by the province's rules."""

from __future__ import annotations

from typing import Any

EXAMPLE_JURISDICTION = "安徽省（示例，2018）"
EXAMPLE_SOURCE = "总工办〔2017〕32号；安徽省工会经费收支管理实施细则（2018）"
EXAMPLE_CAPS = {
    "marriage": "600.00",
    "birth": "600.00",
    "hospitalisation": "1000.00",
    "serious_illness": "1000.00",
    "death_member": "2000.00",
    "death_relative": "1000.00",
    "retirement": "1000.00",
    "hardship": "1000.00",
    "harm_on_duty": "2000.00",
}


def seed_example_caps(cap_model: Any) -> None:
    """Add the example rows that are missing (never overwriting an administrator's)."""
    from decimal import Decimal

    for occasion, cap in EXAMPLE_CAPS.items():
        if cap_model.objects.filter(occasion=occasion).exists():
            continue
        cap_model.objects.create(
            jurisdiction=EXAMPLE_JURISDICTION,
            occasion=occasion,
            cap=Decimal(cap),
            is_example=True,
            in_force=True,
            source=EXAMPLE_SOURCE,
        )
