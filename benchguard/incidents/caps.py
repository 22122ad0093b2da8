"""The statutory caps of courtroom fines and detention (A9.3), as seeded into SanctionCap.

- Civil Procedure Law, as revised on 2023-09-01 (in force 2024-01-01), art. 118: a fine
  on an individual up to RMB 100,000, on a unit RMB 50,000 to 1,000,000; detention up
  to 15 days; art. 119: fines and detention need the court president's approval and a
  written decision; the person may apply once to the next-higher court for
  reconsideration, and enforcement is not suspended meanwhile. The 2023 revision did not
  renumber these articles or change the amounts (they are art. 118 and 119 in the 2021
  revision too). Only under this law can a unit (organisation) be fined.
- Administrative Litigation Law (2017), art. 59: a fine up to RMB 10,000, detention up
  to 15 days, on persons; where a unit obstructs the proceedings, its principal or
  directly responsible person is fined or detained — never the unit; the president's
  approval; reconsideration once by the next-higher court, enforcement not suspended.
- Criminal Procedure Law (2018), art. 199: the presiding judge warns first; whoever does
  not heed the warning may be removed and, in grave cases, fined up to RMB 1,000 or
  detained up to 15 days, with the president's approval; the person fined or detained
  may apply to the next-higher court for reconsideration, enforcement not suspended.
  The law speaks of participants and spectators, so the measures fall on people.
- The period to apply for reconsideration: 3 days from receiving the decision under the
  civil procedure (SPC Interpretation of the Civil Procedure Law, art. 185); the
  administrative procedure applies the civil procedure's rules where its own are silent
  (SPC Interpretation of the Administrative Litigation Law, art. 101), so 3 days as
  well; the criminal procedure's interpretation (2021, art. 307) sets no period for the
  person, only 3 days for the deciding court to pass an application on, so none is set.

Sources: the measures in /work/shared/seed (article 9: warning, reprimand … fine,
detention) and the lead's reference facts (shared/spec/reference-data.md: the three
caps and the president's approval). The article texts themselves, the "once", the
rule that units are fined only under the civil procedure, the warning-first rule and
the reconsideration periods are not in the repository's sources: they were checked
against published texts of the laws and of the SPC interpretations; the administrative
period (3 days by reference) is the least certain and is a setting the city
administrator can correct.

Seeded by migration 0002 (and brought to these values by 0004), and again, if missing,
by the demo loader (a test database flushed between transactional tests loses
migration data).
"""

from __future__ import annotations

from typing import Any

CIVIL_STATUTE = (
    "《中华人民共和国民事诉讼法》（2023年修正，2024年1月1日起施行）第一百一十八条、第一百一十九条"
    "（条文序号与罚款、拘留限额与2021年修正本相同）"
)
CIVIL_STATUTE_2021 = "《中华人民共和国民事诉讼法》（2021年修正）第一百一十八条、第一百一十九条"
ADMINISTRATIVE_STATUTE = "《中华人民共和国行政诉讼法》第五十九条"
CRIMINAL_STATUTE = "《中华人民共和国刑事诉讼法》第一百九十九条"

STATUTORY_CAPS: list[dict[str, Any]] = [
    {
        "procedure": "civil",
        "fine_individual_max": 100_000,
        "fine_organization_min": 50_000,
        "fine_organization_max": 1_000_000,
        "detention_max_days": 15,
        "fines_organisations": True,
        "reconsideration_days": 3,
        "statute": CIVIL_STATUTE,
    },
    {
        "procedure": "administrative",
        "fine_individual_max": 10_000,
        "fine_organization_min": 0,
        "fine_organization_max": 0,
        "detention_max_days": 15,
        "fines_organisations": False,
        "reconsideration_days": 3,
        "statute": ADMINISTRATIVE_STATUTE,
    },
    {
        "procedure": "criminal",
        "fine_individual_max": 1_000,
        "fine_organization_min": 0,
        "fine_organization_max": 0,
        "detention_max_days": 15,
        "fines_organisations": False,
        "reconsideration_days": None,
        "statute": CRIMINAL_STATUTE,
    },
]


def seed_caps(model: Any) -> int:
    """Create the missing caps (a corrected row is never overwritten); return how many."""
    created = 0
    # Migration 0002 seeds through the historical model, before 0004 added fields.
    known = {field.name for field in model._meta.get_fields()}
    for cap in STATUTORY_CAPS:
        defaults = {name: value for name, value in cap.items() if name != "procedure" and name in known}
        _row, made = model.objects.get_or_create(procedure=cap["procedure"], defaults=defaults)
        created += made
    return created


def bring_seeded_caps_up_to_date(model: Any) -> None:
    """Migration 0004: who may be fined and the reconsideration period are new settings
    (set for every row); the civil statute is cited as revised in 2023 where the row
    still cites the 2021 revision as seeded, and a unit's fine range is cleared where
    units cannot be fined. Amounts a city administrator corrected stay as they are."""
    seeded_org_max = {"administrative": 10_000, "criminal": 1_000}
    for cap in STATUTORY_CAPS:
        row = model.objects.filter(procedure=cap["procedure"]).first()
        if row is None:
            continue
        row.fines_organisations = cap["fines_organisations"]
        row.reconsideration_days = cap["reconsideration_days"]
        if row.statute == CIVIL_STATUTE_2021:
            row.statute = CIVIL_STATUTE
        if not cap["fines_organisations"] and row.fine_organization_max == seeded_org_max.get(row.procedure):
            row.fine_organization_min = row.fine_organization_max = 0
        row.save()
