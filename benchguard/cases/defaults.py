"""The usual risk checklist and three levels (domain notes, "Case risk": no national
scale exists; courts use three levels such as 一般 / 较高 / 重大). Both are settings the
city's administrator may change; these are the starting values, written by migration
0006 and again by the demo when a database was emptied. Rows already there are kept as
the administrator left them."""

from __future__ import annotations

from typing import Any

FLAGS = [
    ("mass-involved", "涉众型", "Involves many people"),
    ("novel", "新类型", "Novel type"),
    ("difficult-complex", "疑难复杂", "Difficult and complex"),
    ("major-sensitive", "重大敏感", "Major and sensitive"),
    ("petition-risk", "有信访苗头", "Signs of petitioning"),
    ("public-attention", "社会关注度高", "High public attention"),
]
LEVELS = [(1, "一般", "General", False), (2, "较高", "Elevated", True), (3, "重大", "Major", True)]


def seed_risk_checklist(risk_flag: Any, risk_level: Any) -> None:
    """Add the missing default flags and levels (the models, or a migration's)."""
    for order, (code, label, label_en) in enumerate(FLAGS, start=1):
        risk_flag.objects.get_or_create(
            code=code, defaults={"label": label, "label_en": label_en, "sort_order": order}
        )
    for rank, label, label_en, needs_plan in LEVELS:
        risk_level.objects.get_or_create(
            rank=rank,
            defaults={"label": label, "label_en": label_en, "needs_plan": needs_plan, "sort_order": rank},
        )
