"""The starting taxonomy of rights and interests (A3) and how earlier records map onto it.

A3 says "rights" are every legitimate interest touched while a judge performs their
duties; the categories below are the starting set the measures name (chapter 3: safety
of person, property and home, reputation, privacy, independence, pay and leave, health,
career). They are reference data: the city administrator renames, reorders, retires or
adds categories in the admin. Written by migration organization 00xx and by the demo
when a database was emptied; rows already there are kept as the administrator left them.
"""

from __future__ import annotations

from typing import Any

from django.db import models

RIGHTS = [
    ("personal-safety", "人身安全", "Personal safety"),
    ("property", "财产与住所安全", "Property and home"),
    ("family", "近亲属安全", "Safety of close relatives"),
    ("independence", "依法独立审判", "Independent adjudication"),
    ("reputation", "名誉与人格尊严", "Reputation and dignity"),
    ("privacy", "个人信息与隐私", "Personal information and privacy"),
    ("career", "职业保障", "Security of office"),
    ("pay-leave", "薪酬与休假", "Pay and leave"),
    ("health", "身心健康", "Health"),
    ("other", "其他权益", "Other rights and interests"),
]

# What an earlier record's own classification means in the taxonomy (matters' subject,
# incidents' nature): the default a service fills in when the form leaves it open.
BY_MATTER_SUBJECT = {
    "interference": "independence",
    "threat": "personal-safety",
    "false_accusation": "reputation",
    "defamation": "reputation",
    "privacy": "privacy",
    "personnel": "career",
    "other": "other",
}
BY_INCIDENT_NATURE = {
    "harm_property": "property",
    "harm_home": "property",
    "property_damage": "property",
}
DEFAULT = "personal-safety"  # threats, crimes, disorder and petitions put the person at risk


def seed_rights(right_category: Any) -> None:
    """Add the missing default categories (the model, or a migration's)."""
    for order, (code, label, label_en) in enumerate(RIGHTS, start=1):
        right_category.objects.get_or_create(
            code=code, defaults={"label": label, "label_en": label_en, "sort_order": order}
        )


def right_for(code: str, right_category: Any = None) -> Any:
    """The category with this code, seeding the defaults when a database was emptied."""
    if right_category is None:
        from benchguard.organization.models import RightCategory

        right_category = RightCategory
    found = right_category.objects.filter(code=code).first()
    if found is None:
        seed_rights(right_category)
        found = right_category.objects.filter(code=code).first()
    return found


def active_rights() -> models.QuerySet[Any]:
    from benchguard.organization.models import RightCategory

    return RightCategory.objects.filter(is_active=True)
