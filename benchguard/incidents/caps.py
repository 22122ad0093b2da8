"""The statutory caps of courtroom fines and detention (A9.3), as seeded into SanctionCap.

- Civil Procedure Law (2021 revision; the article numbers moved between revisions),
  art. 118: fine on an individual up to RMB 100,000; on an organisation RMB 50,000 to
  1,000,000; detention up to 15 days; art. 119: fines and detention need the court
  president's approval.
- Administrative Litigation Law (2017), art. 59: fine up to RMB 10,000, detention up to
  15 days, with the president's approval.
- Criminal Procedure Law (2018), art. 199: fine up to RMB 1,000, detention up to 15
  days, with the president's approval.

Seeded by migration 0002 and again, if missing, by the demo loader (a test database
flushed between transactional tests loses migration data).
"""

from __future__ import annotations

from typing import Any

# (procedure, individual max, organisation min, organisation max, detention days, statute)
STATUTORY_CAPS = [
    (
        "civil",
        100_000,
        50_000,
        1_000_000,
        15,
        "《中华人民共和国民事诉讼法》（2021年修正）第一百一十八条、第一百一十九条",
    ),
    ("administrative", 10_000, 0, 10_000, 15, "《中华人民共和国行政诉讼法》第五十九条"),
    ("criminal", 1_000, 0, 1_000, 15, "《中华人民共和国刑事诉讼法》第一百九十九条"),
]


def seed_caps(model: Any) -> int:
    """Create the missing caps (a corrected row is never overwritten); return how many."""
    created = 0
    for procedure, individual, org_min, org_max, days, statute in STATUTORY_CAPS:
        _row, made = model.objects.get_or_create(
            procedure=procedure,
            defaults={
                "fine_individual_max": individual,
                "fine_organization_min": org_min,
                "fine_organization_max": org_max,
                "detention_max_days": days,
                "statute": statute,
            },
        )
        created += made
    return created
