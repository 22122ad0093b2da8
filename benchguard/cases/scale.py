"""City-scale cases and their parties for the benchmarks (`benchguard seed-scale`, issue 12).

How many: `BENCHGUARD_SCALE_CASES` when set (the cases benchmark, bench/cases.py, sets
200,000); otherwise ten per generated person — 30,000 at 3,000 people — so that
`seed-scale` stays a matter of seconds. They are spread over the courts in proportion to
the people each court got in this run, over the years 2019 to today, filed on working
days, numbered in the official form (numbers.CaseNumber) without gaps per court, year
and case-type code in the order they were filed, on from the highest number already
registered (the demo's included; the demo's own numbers of this year are left free, so
`seed-demo` still loads after `seed-scale`), under realistic type codes for the court's level (a
base court files mostly 民初 and 执, the intermediate court 民终 and 刑终 too). Each
has a cause fitting its type, a trial or enforcement division of the court and a quota
judge of the court in post, the registering clerk's account, and a stage: older cases
are mostly closed.

Parties: one to four a case, with the standings of its type (plaintiff and defendant,
appellant and appellee, applicant for enforcement and person subject to it, the
accused…). About one in five in a civil, administrative or enforcement case is an
organisation (never the accused), without a document, as the services require; every
natural person has a valid resident ID (core.identity.check_character), encrypted by
the column and blind-indexed with `models.party_document_index`, exactly what
`services._add_party` writes, so the look-up by document finds them.

Screening: person parties carry `screened_at` (their case's filing time), as the
services set it. No `PartyScreening` rows are written: computing them honestly means
running the controlled list's matcher for each of hundreds of thousands of parties,
which is not cheap. A generated party whose name happens to be a listed person's name
therefore has no "possibly listed" row where the service would have written one; the
generated parties' documents are not listed persons' documents (different birth
places' codes are not avoided, but the numbers are drawn at random), so "listed" rows
would be as rare as chance makes them. Benchmarks that measure screening file their
cases through the service (bench/cases.py).

Inserted as plain rows with explicit ids (organization.scale.insert_rows) in chunks, with
the id sequences moved on afterwards, so cases filed later through the services number
and store on correctly.
"""

from __future__ import annotations

import datetime as dt
import os
import random
from collections import defaultdict
from collections.abc import Iterator, Sequence

from django.db.models import Max
from django.utils import timezone

from benchguard.cases.choices import PartyKind, PartyRole, Stage
from benchguard.cases.models import Case, Party, RiskLevel, party_document_index
from benchguard.cases.numbers import TYPE_CODES, CaseNumber
from benchguard.organization.choices import CourtLevel, DepartmentType, PersonCategory
from benchguard.organization.models import Court
from benchguard.organization.scale import (
    ScaleContext,
    indexes_built_after,
    insert_rows,
    next_ids,
    random_id_number,
    random_name,
    register_generator,
    reset_sequences,
)

CASES_PER_PERSON = 10
CHUNK = 20_000
FIRST_YEAR = 2019
# Case types a court files, with relative frequencies by the court's level.
TYPE_WEIGHTS: dict[str, tuple[tuple[str, int], ...]] = {
    CourtLevel.BASE: (
        ("民初", 48), ("执", 22), ("执恢", 2), ("执异", 1), ("执保", 1), ("刑初", 7), ("行初", 2),
        ("民特", 3), ("民督", 2), ("财保", 4), ("民撤", 1), ("刑更", 1),
    ),
    CourtLevel.INTERMEDIATE: (
        ("民终", 40), ("民初", 12), ("民申", 3), ("民辖终", 2), ("民特", 3), ("刑终", 6), ("刑初", 2),
        ("行终", 5), ("行初", 3), ("执复", 3), ("执异", 3), ("执", 10), ("执监", 1), ("民破", 1),
        ("法赔", 1),
    ),
}  # fmt: skip
CIVIL_CAUSES = (
    "民间借贷纠纷", "买卖合同纠纷", "离婚纠纷", "机动车交通事故责任纠纷", "劳动争议", "物业服务合同纠纷",
    "房屋租赁合同纠纷", "金融借款合同纠纷", "建设工程施工合同纠纷", "信用卡纠纷", "继承纠纷",
    "追索劳动报酬纠纷",
)  # fmt: skip
CAUSES = {
    "民": CIVIL_CAUSES,
    "执": CIVIL_CAUSES,
    "财": ("申请诉前财产保全",),
    "刑": ("盗窃罪", "危险驾驶罪", "诈骗罪", "故意伤害罪", "帮助信息网络犯罪活动罪", "寻衅滋事罪"),
    "行": ("行政处罚", "行政许可", "房屋征收补偿", "工伤认定", "政府信息公开"),
    "法": ("违法采取保全措施赔偿",),
}
# The standings of a type's parties: first party, the others (by the type's first character,
# or the whole code where it differs).
STANDINGS: dict[str, tuple[str, str]] = {
    "民初": (PartyRole.PLAINTIFF, PartyRole.DEFENDANT),
    "行初": (PartyRole.PLAINTIFF, PartyRole.DEFENDANT),
    "刑": (PartyRole.ACCUSED, PartyRole.ACCUSED),
    "执": (PartyRole.ENFORCEMENT_APPLICANT, PartyRole.PERSON_SUBJECT_TO_ENFORCEMENT),
    "终": (PartyRole.APPELLANT, PartyRole.APPELLEE),
}
PARTY_COUNT_WEIGHTS = ((1, 8), (2, 60), (3, 22), (4, 10))
ORGANISATION_SHARE = 0.2
ORGANISATIONS = (
    "青岛{}商贸有限公司", "青岛{}建设工程有限公司", "青岛{}物业管理有限公司", "青岛农村商业银行{}支行",
    "青岛{}置业有限公司", "青岛市{}区人民政府",
)  # fmt: skip
PLACES = ("市南", "市北", "李沧", "崂山", "城阳", "黄岛", "即墨", "胶州", "平度", "莱西")


def target_count(people: int) -> int:
    configured = os.environ.get("BENCHGUARD_SCALE_CASES")
    return int(configured) if configured else people * CASES_PER_PERSON


def standings(type_code: str) -> tuple[str, str]:
    if type_code in STANDINGS:
        return STANDINGS[type_code]
    if type_code.endswith("终"):
        return STANDINGS["终"]
    if type_code[0] in STANDINGS:
        return STANDINGS[type_code[0]]
    return (PartyRole.APPLICANT, PartyRole.RESPONDENT)


@register_generator("cases")
def generate_cases(ctx: ScaleContext) -> dict[str, int]:
    rng = ctx.rng
    total = target_count(len(ctx.people))
    judges: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    size: dict[int, int] = defaultdict(int)
    for person in ctx.people:
        size[person.court_id] += 1
        if person.category == PersonCategory.QUOTA_JUDGE and person.is_active:
            judges[person.court_id].append((person.pk, person.department_id))
    accounts_by_court, fallback = ctx.accounts_by_court()
    courts = [court for court in ctx.courts if judges.get(court.pk)]
    if total <= 0 or not courts or fallback is None:
        return {"cases": 0, "parties": 0}
    divisions = {
        court.pk: {
            kind: [d.pk for d in ctx.departments.get(court.pk, []) if d.type == kind]
            for kind in (DepartmentType.TRIAL, DepartmentType.ENFORCEMENT)
        }
        for court in courts
    }
    planned = _plan(rng, courts, [size[c.pk] for c in courts], total)
    sequences = _highest_sequences()
    levels = list(RiskLevel.objects.filter(is_active=True).order_by("rank").values_list("pk", flat=True))[:3]
    reserved = _demo_numbers(courts)
    case_ids = iter(next_ids(Case, len(planned)))
    party_ids = iter(next_ids(Party, 4 * len(planned)))
    parties_made = 0
    today = timezone.localdate()
    with indexes_built_after(Case, Party):
        for chunk in _chunks(planned, CHUNK):
            cases: list[tuple[object, ...]] = []
            parties: list[tuple[object, ...]] = []
            for filed_on, court, type_code in chunk:
                key = (court.pk, filed_on.year, type_code)
                sequences[key] = sequences.get(key, 0) + 1
                if (*key, sequences[key]) in reserved:
                    sequences[key] += 1
                number = CaseNumber(filed_on.year, court.case_code, type_code, sequences[key])
                filed_at = timezone.make_aware(
                    dt.datetime.combine(filed_on, dt.time(8, 30)) + dt.timedelta(minutes=rng.randrange(480))
                )
                enforcement = TYPE_CODES[type_code] == Stage.ENFORCEMENT
                kind = DepartmentType.ENFORCEMENT if enforcement else DepartmentType.TRIAL
                division = rng.choice(divisions[court.pk][kind] or [None])
                in_division = [pk for pk, department in judges[court.pk] if department == division]
                judge = rng.choice(in_division or [pk for pk, _d in judges[court.pk]])
                case_id = next(case_ids)
                stage = _stage(rng, type_code, today - filed_on)
                level = _risk_level(rng, levels)
                cases.append(
                    (
                        case_id, court.pk, str(number), number.year, type_code, number.sequence,
                        rng.choice(CAUSES[type_code[0]]), stage, division, judge, filed_on,
                        rng.choice(accounts_by_court.get(court.pk) or [fallback]), filed_at, filed_at,
                        level, filed_at if level else None, stage if level else "",
                    )
                )  # fmt: skip
                for row in _parties(rng, type_code, filed_at, today):
                    parties.append((next(party_ids), case_id, *row))
            insert_rows(Case, CASE_FIELDS, cases)
            insert_rows(Party, PARTY_FIELDS, parties)
            parties_made += len(parties)
    reset_sequences(Case, Party)
    return {"cases": len(planned), "parties": parties_made}


FLAGGED_SHARE = 0.03  # of cases flagged at filing and set at a level (A14)
LEVEL_WEIGHTS = (60, 30, 10)  # 一般, 较高, 重大


def _risk_level(rng: random.Random, levels: Sequence[int]) -> int | None:
    """The level a case was set at, for the few flagged ones (the seeded levels by rank)."""
    if not levels or rng.random() >= FLAGGED_SHARE:
        return None
    return rng.choices(list(levels), LEVEL_WEIGHTS[: len(levels)])[0]


CASE_FIELDS = (
    "id", "court_id", "number", "year", "type_code", "sequence", "cause", "stage", "division_id",
    "judge_id", "filed_on", "registered_by_id", "created_at", "updated_at", "risk_level_id", "flagged_at",
    "assessed_stage",
)  # fmt: skip
PARTY_FIELDS = (
    "id", "case_id", "kind", "role", "name", "document_kind", "document_number", "document_index",
    "screened_at", "created_at", "updated_at",
)  # fmt: skip


Planned = tuple[dt.date, Court, str]


def _plan(rng: random.Random, courts: Sequence[Court], sizes: Sequence[int], total: int) -> list[Planned]:
    """(filed on, court, type code) of every case, in the order they were filed: courts
    drawn by their size, days at random over the years (weekdays only)."""
    today = timezone.localdate()
    first = dt.date(FIRST_YEAR, 1, 1)
    span = (today - first).days + 1
    types = {
        level: ([code for code, _w in pairs], [w for _c, w in pairs]) for level, pairs in TYPE_WEIGHTS.items()
    }
    planned: list[Planned] = []
    for court in rng.choices(courts, weights=sizes, k=total):
        day = first + dt.timedelta(days=rng.randrange(span))
        if day.weekday() >= 5:  # the filing division is closed at weekends
            day -= dt.timedelta(days=day.weekday() - 4)
        codes, weights = types.get(court.level, types[CourtLevel.BASE])
        planned.append((day, court, rng.choices(codes, weights)[0]))
    planned.sort(key=lambda row: row[0])
    return planned


def _highest_sequences() -> dict[tuple[int, int, str], int]:
    """The highest sequence registered per court, year and type code: generated numbers
    go on from there, so they never clash with cases already filed (the demo's)."""
    return {
        (row["court_id"], row["year"], row["type_code"]): row["highest"]
        for row in Case.objects.values("court_id", "year", "type_code").annotate(highest=Max("sequence"))
    }


def _demo_numbers(courts: Sequence[Court]) -> set[tuple[int, int, str, int]]:
    """The numbers the cases demo files this year (court, year, type, sequence)."""
    from benchguard.cases import demo

    year = timezone.localdate().year
    return {
        (court.pk, year, type_code, sequence)
        for court in courts
        if court.division_code == demo.INTERMEDIATE
        for type_code, sequence in demo.NUMBERS
    }


def _stage(rng: random.Random, type_code: str, age: dt.timedelta) -> str:
    """Most cases older than half a year are closed; new ones are where their type starts."""
    closed_share = 0.95 if age.days > 180 else 0.5 if age.days > 60 else 0.05
    return Stage.CLOSED if rng.random() < closed_share else TYPE_CODES[type_code]


def _parties(
    rng: random.Random, type_code: str, filed_at: dt.datetime, today: dt.date
) -> Iterator[tuple[object, ...]]:
    """The party rows of one case, without their id and case id."""
    first, other = standings(type_code)
    count = rng.choices([n for n, _w in PARTY_COUNT_WEIGHTS], [w for _n, w in PARTY_COUNT_WEIGHTS])[0]
    for index in range(count):
        role = first if index == 0 else other
        organisation = role != PartyRole.ACCUSED and rng.random() < ORGANISATION_SHARE
        if organisation:
            name = rng.choice(ORGANISATIONS).format(rng.choice(PLACES))
            yield (PartyKind.ORGANISATION, role, name, "", "", "", None, filed_at, filed_at)
            continue
        name, male = random_name(rng)
        number = random_id_number(rng, male=male, today=today)
        index_value = party_document_index("resident_id", number)
        yield (PartyKind.PERSON, role, name, "resident_id", number, index_value, filed_at, filed_at, filed_at)


def _chunks(rows: list[Planned], size: int) -> Iterator[list[Planned]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]
