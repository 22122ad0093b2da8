"""City-scale data for benchmarks and load tests (`benchguard seed-scale`, issue 2 item 10).

What it makes
    The city's real courts (reference.py: the intermediate court and its ten base courts,
    with the provincial higher court as their parent but without staff), generated
    people's tribunals (人民法庭) up to `--courts`, the standard departments in every
    court, `--people` people with common Chinese names in realistic proportions (about
    40 % quota judges, 40 % judicial support staff, 20 % other staff) and positions that
    fit their department, encrypted private details with a valid resident ID number for
    about half of them, and login accounts with matching roles for about a quarter.
    The same `--seed` on an empty database gives the same data.

Why bulk inserts and one audit line
    The services create one row at a time, validate it and write one audit line each;
    for 3,000 people that is 10,000+ chained audit appends and most of a minute. Scale
    data is synthetic and loaded by an operator in one go, so it is written with
    `bulk_create` in batches inside one transaction and summarised by ONE audit event,
    `organization.seed_scale`, carrying the counts: the trail still says who loaded what
    and when, and the hash chain stays intact. Rows are built to be valid by
    construction (the tests run `full_clean` and the ID validator over them), pinyin
    comes from `services.pinyin_of` and the blind index from `services.id_number_index`,
    so search and look-up behave exactly as for rows made through the services.
    `EncryptedTextField` encrypts in `get_prep_value`, so bulk-inserted private details
    are encrypted at rest like any other.

Refusing instead of duplicating
    Generated people carry staff numbers `SC000001`, `SC000002`, … . If any exist,
    `seed_scale` creates nothing and says so; with `force=True` it adds more people,
    numbering on from the highest existing one. Courts and departments are always found
    by their natural keys (division code; court + name) before being created, and
    ID numbers are checked against every stored blind index, so no unique key is ever
    hit twice — and the demo data (`seed-demo`) can be loaded before or after.
    It refuses to run with BENCHGUARD_ENV=production: fake people do not belong in a
    court's real directory.

How a domain area adds its own generator
    Create `benchguard/<area>/scale.py` and register a function::

        from benchguard.organization.scale import ScaleContext, register_generator

        @register_generator("matters")
        def generate_matters(ctx: ScaleContext) -> dict[str, int]:
            judges = [p for p in ctx.people if p.category == PersonCategory.QUOTA_JUDGE]
            rows = [Matter(court_id=p.court_id, applicant=p, ...) for p in ctx.rng.sample(...)]
            Matter.objects.bulk_create(rows, batch_size=ctx.batch_size)
            return {"matters": len(rows)}

    `seed_scale` imports every installed app's `scale` module (like the admin's
    autodiscovery) and calls the generators in registration order, in the same
    transaction, after the people exist. Each gets its own random generator derived from
    the seed and its name, so adding an area never changes another area's data. The
    returned counts go into the one audit event. `ctx.people` holds the people created by
    this run (with their ids); `ctx.courts` and `ctx.departments` every city court and
    its departments. Keep generators bulk (no per-row services) and idempotent by the
    same rule: they run only when people were created.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

from benchguard.core import audit
from benchguard.core.crypto import EncryptedTextField, encrypt
from benchguard.core.identity import check_character
from benchguard.organization import services
from benchguard.organization.choices import CourtLevel, DepartmentType, PersonCategory, Role
from benchguard.organization.models import (
    Account,
    Court,
    Department,
    Person,
    PersonPrivate,
    Relative,
    RoleAssignment,
)
from benchguard.organization.reference import (
    BASE_COURTS,
    HIGHER_COURT,
    INTERMEDIATE_COURT,
    STANDARD_DEPARTMENTS,
    base_court_fields,
)

STAFF_PREFIX = "SC"  # staff numbers of generated people: SC000001 …
USERNAME_PREFIX = "scale"  # their accounts: scale000001 …
AUDIT_ACTION = "organization.seed_scale"
BATCH_SIZE = 500
# Shares of generated people that get private details / an account.
PRIVATE_SHARE = 0.5
ACCOUNT_SHARE = 0.25
INACTIVE_SHARE = 0.02

# Generated courts take division codes 379001 … : Shandong's prefectures are 3701–3717,
# so 379x is unassigned in GB/T 2260 and can never clash with a real court's code.
EXTRA_COURT_CODE_BASE = 379000
MAX_EXTRA_COURTS = 999

# --- Names ------------------------------------------------------------------------------
# Surnames with rough relative frequencies (national ranking, tilted towards Shandong,
# where 王, 张, 李, 刘 and 孙, 于, 姜 are especially common).
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 110), ("张", 100), ("李", 98), ("刘", 80), ("孙", 45), ("杨", 40), ("赵", 38),
    ("陈", 36), ("徐", 30), ("于", 28), ("高", 26), ("马", 24), ("姜", 22), ("宋", 20),
    ("周", 18), ("吴", 16), ("郭", 16), ("胡", 12), ("朱", 12), ("林", 11), ("何", 10),
    ("郑", 10), ("梁", 9), ("谢", 8), ("韩", 9), ("唐", 8), ("许", 8), ("冯", 8), ("曹", 8),
    ("邓", 7), ("彭", 6), ("曾", 5), ("肖", 6), ("田", 7), ("董", 8), ("袁", 6), ("潘", 6),
    ("蒋", 5), ("蔡", 5), ("杜", 6), ("程", 6), ("苏", 6), ("魏", 6), ("吕", 6), ("丁", 6),
    ("任", 6), ("沈", 5), ("姚", 5), ("卢", 5), ("崔", 7), ("钟", 4), ("谭", 4), ("陆", 4),
    ("范", 5), ("石", 5), ("贾", 5), ("夏", 4), ("付", 5), ("方", 4), ("白", 4), ("孟", 5),
    ("秦", 4), ("薛", 4), ("侯", 4), ("邵", 4), ("毛", 3), ("郝", 4), ("纪", 3), ("牟", 3),
    ("隋", 3), ("栾", 2), ("臧", 2), ("单", 2), ("欧阳", 1), ("诸葛", 1), ("司马", 1),
)  # fmt: skip
GIVEN_MALE = "伟刚勇毅俊峰强军平保东文辉力明永健世广志义兴良海山仁波宁贵福生龙元全国胜学祥才发武新利清飞彬富顺信子杰涛昌成康星光天达安岩中茂进林有坚和彪博诚先敬震振壮会思群豪心邦承乐绍功松善厚庆磊民友裕河哲江超浩亮政谦亨奇固之轮翰朗伯宏言若鸣朋斌梁栋维启克伦翔旭鹏泽晨辰士以建家致树炎德行时泰盛雄琛钧冠策腾楠榕风航弘"  # noqa: E501
GIVEN_FEMALE = "秀娟英华慧巧美娜静淑惠珠翠雅芝玉萍红娥玲芬芳燕彩春菊兰凤洁梅琳素云莲真环雪荣爱妹霞香月莺媛艳瑞凡佳嘉琼勤珍贞莉桂娣叶璧璐娅琦晶妍茜秋珊莎锦黛青倩婷姣婉娴瑾颖露瑶怡婵雁蓓纨仪荷丹蓉眉君琴蕊薇菁梦岚苑婕馨瑗琰韵融园艺咏卿聪澜纯毓悦昭冰爽琬茗羽希宁欣飘育滢馥筠柔竹霭凝晓欢霄枫芸菲寒伊亚宜可姬舒影荔枝思丽"  # noqa: E501
TWO_CHARACTER_GIVEN_SHARE = 0.7

# --- Positions by (category, department type) -----------------------------------------------
# Weighted: (position, weight). A category may sit only in the department types listed.
POSITIONS: dict[str, dict[str, tuple[tuple[str, int], ...]]] = {
    PersonCategory.QUOTA_JUDGE: {
        DepartmentType.TRIAL: (("审判员", 78), ("副庭长", 14), ("庭长", 6), ("审判委员会委员", 2)),
        DepartmentType.CASE_FILING: (("审判员", 75), ("副庭长", 17), ("庭长", 8)),
        DepartmentType.ENFORCEMENT: (("审判员", 70), ("执行局副局长", 20), ("执行局局长", 10)),
        DepartmentType.GENERAL_OFFICE: (("副院长", 50), ("院长", 15), ("审判委员会专职委员", 35)),
    },
    PersonCategory.SUPPORT_STAFF: {
        DepartmentType.TRIAL: (("法官助理", 55), ("书记员", 45)),
        DepartmentType.CASE_FILING: (("书记员", 60), ("法官助理", 40)),
        DepartmentType.ENFORCEMENT: (("执行员", 50), ("书记员", 30), ("法官助理", 20)),
        DepartmentType.LITIGATION_SERVICES: (("书记员", 70), ("法官助理", 30)),
    },
    PersonCategory.OTHER_STAFF: {
        DepartmentType.JUDICIAL_POLICE: (("司法警察", 85), ("副支队长", 10), ("支队长", 5)),
        DepartmentType.GATEHOUSE: (("门卫", 60), ("安检员", 40)),
        DepartmentType.PERSONNEL_OFFICE: (
            ("政治部干部", 85), ("政治部副主任", 10), ("政治部主任", 5),
        ),
        DepartmentType.TRADE_UNION: (("工会干事", 85), ("工会主席", 15)),
        DepartmentType.COMMITTEE_OFFICE: (("办公室科员", 85), ("办公室主任", 15)),
        DepartmentType.GENERAL_OFFICE: (
            ("办公室科员", 50), ("信息技术管理员", 15), ("档案管理员", 15), ("驾驶员", 12),
            ("办公室主任", 8),
        ),
        DepartmentType.PETITION_RECEPTION: (("接访员", 85), ("信访办公室主任", 15)),
    },
}  # fmt: skip
# How many people of a category sit in a department of each type (relative weights):
# the trial divisions hold most judges and support staff.
DEPARTMENT_WEIGHTS: dict[str, dict[str, int]] = {
    PersonCategory.QUOTA_JUDGE: {
        DepartmentType.TRIAL: 70, DepartmentType.CASE_FILING: 10,
        DepartmentType.ENFORCEMENT: 14, DepartmentType.GENERAL_OFFICE: 2,
    },
    PersonCategory.SUPPORT_STAFF: {
        DepartmentType.TRIAL: 65, DepartmentType.CASE_FILING: 12,
        DepartmentType.ENFORCEMENT: 15, DepartmentType.LITIGATION_SERVICES: 8,
    },
    PersonCategory.OTHER_STAFF: {
        DepartmentType.JUDICIAL_POLICE: 40, DepartmentType.GATEHOUSE: 8,
        DepartmentType.PERSONNEL_OFFICE: 12, DepartmentType.TRADE_UNION: 4,
        DepartmentType.COMMITTEE_OFFICE: 6, DepartmentType.GENERAL_OFFICE: 22,
        DepartmentType.PETITION_RECEPTION: 8,
    },
}  # fmt: skip
CATEGORY_WEIGHTS = (
    (PersonCategory.QUOTA_JUDGE, 40),
    (PersonCategory.SUPPORT_STAFF, 40),
    (PersonCategory.OTHER_STAFF, 20),
)
# Roles an account gets from its person's position or department (first match wins).
POSITION_ROLES: dict[str, tuple[str, ...]] = {
    "院长": (Role.JUDGE, Role.COURT_LEADER, Role.COURT_PRESIDENT),
    "副院长": (Role.JUDGE, Role.COURT_LEADER),
    "庭长": (Role.JUDGE, Role.DIVISION_CHIEF),
    "执行局局长": (Role.JUDGE, Role.DIVISION_CHIEF),
}
DEPARTMENT_ROLES: dict[str, tuple[str, ...]] = {
    DepartmentType.JUDICIAL_POLICE: (Role.JUDICIAL_POLICE,),
    DepartmentType.GATEHOUSE: (Role.GATEHOUSE_GUARD,),
    DepartmentType.PERSONNEL_OFFICE: (Role.PERSONNEL_OFFICE,),
    DepartmentType.COMMITTEE_OFFICE: (Role.COMMITTEE_OFFICE,),
    DepartmentType.GENERAL_OFFICE: (Role.SYSTEM_ADMIN,),
}

# --- Courts ---------------------------------------------------------------------------------
# People's tribunals (人民法庭) of the base courts, by (base court division code, place).
TRIBUNALS: tuple[tuple[str, str], ...] = (
    ("370212", "沙子口"), ("370212", "王哥庄"), ("370214", "流亭"), ("370214", "惜福镇"),
    ("370215", "蓝村"), ("370215", "田横"), ("370215", "鳌山卫"), ("370281", "李哥庄"),
    ("370281", "胶西"), ("370283", "南村"), ("370283", "明村"), ("370283", "同和"),
    ("370285", "姜山"), ("370285", "院上"), ("370211", "薛家岛"), ("370211", "灵山卫"),
    ("370211", "王台"), ("370211", "泊里"), ("370213", "浮山路"), ("370203", "四方"),
)  # fmt: skip
# Relative staff size: the intermediate court is the largest, tribunals the smallest.
COURT_SIZE: dict[str, int] = {CourtLevel.INTERMEDIATE: 6, CourtLevel.BASE: 3}
TRIBUNAL_SIZE = 1
# Where staff were first issued their ID numbers: mostly Qingdao, some elsewhere in Shandong.
ID_ADDRESS_CODES = (
    "370202", "370203", "370205", "370211", "370212", "370213", "370214", "370282", "370281",
    "370283", "370285", "370102", "370602", "370702", "371102", "371302",
)  # fmt: skip
STREETS = (
    "香港中路", "山东路", "南京路", "延安三路", "辽宁路", "台东一路", "重庆南路", "黑龙江中路",
    "长江中路", "海尔路", "银川东路", "文阳路", "正阳路", "烟台路", "福州南路", "合肥路",
)  # fmt: skip
DISTRICTS = ("市南区", "市北区", "李沧区", "崂山区", "城阳区", "黄岛区", "即墨区")


class ScaleDataExists(Exception):
    """Scale data is already loaded and `force` was not given."""


@dataclass
class ScaleOptions:
    courts: int = 20
    people: int = 3000
    seed: int = 42
    force: bool = False
    batch_size: int = BATCH_SIZE


@dataclass
class ScaleContext:
    """What a domain area's generator gets: the run's courts, departments and people."""

    rng: random.Random
    options: ScaleOptions
    courts: list[Court]
    departments: dict[int, list[Department]]  # by court id
    people: list[Person]
    accounts: list[Account]

    @property
    def batch_size(self) -> int:
        return self.options.batch_size

    def accounts_by_court(self) -> tuple[dict[int, list[int]], int | None]:
        """The ids of the people's accounts by court id, and the first of them: the
        stand-in for a court with none (None when the run has no account at all). A
        generator draws from them who registered, reported or recorded a row."""
        by_court: dict[int, list[int]] = defaultdict(list)
        for person in self.people:
            if person.account_id:
                by_court[person.court_id].append(person.account_id)
        return by_court, next((ids[0] for ids in by_court.values() if ids), None)


@dataclass
class ScaleResult:
    courts: int = 0  # created by this run
    departments: int = 0
    people: int = 0
    private_details: int = 0
    accounts: int = 0
    role_assignments: int = 0
    areas: dict[str, dict[str, int]] = field(default_factory=dict)
    seconds: float = 0.0
    skipped_reason: str = ""


Generator = Callable[[ScaleContext], dict[str, int]]
_generators: dict[str, Generator] = {}


def register_generator(name: str) -> Callable[[Generator], Generator]:
    """Register a domain area's scale generator (see the module docstring)."""

    def decorator(func: Generator) -> Generator:
        _generators[name] = func
        return func

    return decorator


def generators() -> dict[str, Generator]:
    autodiscover_modules("scale")
    return dict(_generators)


# --- Building blocks (pure: no database) ------------------------------------------------------


def _weighted(rng: random.Random, pairs: Sequence[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in pairs], weights=[w for _, w in pairs])[0]


_SURNAME_VALUES = [surname for surname, _w in SURNAMES]
_SURNAME_CUMULATIVE = list(itertools.accumulate(weight for _s, weight in SURNAMES))


def random_name(rng: random.Random) -> tuple[str, bool]:
    """A plausible Chinese name and whether its bearer is a man (for the ID number)."""
    male = rng.random() < 0.55
    pool = GIVEN_MALE if male else GIVEN_FEMALE
    given = rng.choice(pool)
    if rng.random() < TWO_CHARACTER_GIVEN_SHARE:
        given += rng.choice(pool)
    # What _weighted(rng, SURNAMES) draws (the same random numbers, the same surname),
    # without rebuilding the weights for each of a million visitors.
    return rng.choices(_SURNAME_VALUES, cum_weights=_SURNAME_CUMULATIVE)[0] + given, male


@cache
def cached_pinyin(name: str) -> tuple[str, str]:
    """services.pinyin_of, once per distinct name (common names repeat a lot)."""
    return services.pinyin_of(name)


def random_id_number(rng: random.Random, *, male: bool, today: date) -> str:
    """A valid resident ID number (GB 11643) of someone aged 23–60 today."""
    born = today - timedelta(days=rng.randint(23 * 365 + 6, 60 * 365))
    sequence = rng.randrange(0, 999, 2) + (1 if male else 0)  # odd for men, even for women
    first17 = f"{rng.choice(ID_ADDRESS_CODES)}{born:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


def random_mobile(rng: random.Random) -> str:
    return f"1{rng.choice('35789')}{rng.randint(0, 9)}{rng.randint(0, 99_999_999):08d}"


def random_address(rng: random.Random) -> str:
    return (
        f"青岛市{rng.choice(DISTRICTS)}{rng.choice(STREETS)}{rng.randint(1, 300)}号"
        f"{rng.randint(1, 6)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}户"
    )


def surname_of(name: str) -> str:
    return name[:2] if any(name.startswith(s) for s, _w in SURNAMES if len(s) == 2) else name[0]


def random_family(rng: random.Random, *, name: str, male: bool) -> list[tuple[str, str, str]]:
    """Close relatives of the private record (relation, name, phone; organization.Relative).
    Children and father carry the family surname (the man's)."""

    def given() -> str:
        other = random_name(rng)[0]
        return other[len(surname_of(other)) :]

    spouse = random_name(rng)[0]
    family_surname = surname_of(name) if male else surname_of(spouse)
    rows = [("配偶", spouse, random_mobile(rng))]
    for _ in range(rng.choice((0, 1, 1, 2))):
        rows.append(("子女", f"{family_surname}{given()}", ""))
    if rng.random() < 0.5:
        rows.append(("父亲", f"{surname_of(name)}{given()}", random_mobile(rng)))
    return rows


def court_specs(total: int) -> list[dict[str, object]]:
    """Field values of the city's first `total` courts: the real ones (intermediate court
    first), then generated people's tribunals with unassigned division codes."""
    if not 1 <= total <= 1 + len(BASE_COURTS) + MAX_EXTRA_COURTS:
        raise ValueError(f"courts must be between 1 and {1 + len(BASE_COURTS) + MAX_EXTRA_COURTS}")
    specs: list[dict[str, object]] = [dict(INTERMEDIATE_COURT)]
    specs += [base_court_fields(index) for index in range(len(BASE_COURTS))]
    base_by_code = {code: (name, case_code) for name, _s, _a, case_code, code in BASE_COURTS}
    for number in range(1, max(0, total - len(specs)) + 1):
        base_code, place = TRIBUNALS[(number - 1) % len(TRIBUNALS)]
        round_ = (number - 1) // len(TRIBUNALS)
        place = place if round_ == 0 else f"{place}第{round_ + 1}"
        base_name, case_code = base_by_code[base_code]
        specs.append(
            {
                "name": f"{base_name}{place}人民法庭",
                "short_name": f"{place}法庭"[:40],
                "abbreviation": f"{place}庭"[:10],
                "level": CourtLevel.BASE,
                "case_code": case_code,
                "division_code": str(EXTRA_COURT_CODE_BASE + number),
                "sort_order": 100 + number,
            }
        )
    return specs[:total]


def share_of_people(sizes: Sequence[int], total: int) -> list[int]:
    """Split `total` people over courts by relative size (largest remainder)."""
    weight = sum(sizes)
    exact = [total * size / weight for size in sizes]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(sizes)), key=lambda i: exact[i] - counts[i], reverse=True)
    for index in by_remainder[: total - sum(counts)]:
        counts[index] += 1
    return counts


def plan_people(
    rng: random.Random,
    courts: Sequence[Court],
    departments: dict[int, list[Department]],
    *,
    count: int,
    first_number: int,
) -> list[tuple[Person, bool]]:
    """Unsaved people (and whether each is a man), spread over `courts`; deterministic
    for a given generator state. The first quota judge of every court is always active
    so every court has a judge to log in as."""
    sizes = [
        TRIBUNAL_SIZE if court.division_code.startswith("379") else COURT_SIZE.get(court.level, 1)
        for court in courts
    ]
    planned: list[tuple[Person, bool]] = []
    number = first_number
    for court, court_count in zip(courts, share_of_people(sizes, count), strict=True):
        by_type: dict[str, list[Department]] = {}
        for candidate in departments[court.pk]:
            by_type.setdefault(candidate.type, []).append(candidate)
        for index in range(court_count):
            category = PersonCategory.QUOTA_JUDGE if index == 0 else _weighted(rng, CATEGORY_WEIGHTS)
            # Only department types this court actually has (an administrator may have
            # closed one); a court without any fitting department gets people without one.
            kinds = tuple((k, w) for k, w in DEPARTMENT_WEIGHTS[category].items() if k in by_type)
            kind = _weighted(rng, kinds) if kinds else next(iter(POSITIONS[category]))
            department: Department | None = rng.choice(by_type[kind]) if kinds else None
            name, male = random_name(rng)
            pinyin, initials = cached_pinyin(name)
            person = Person(
                court=court,
                department=department,
                name=name,
                name_pinyin=pinyin,
                name_initials=initials,
                category=category,
                position=_weighted(rng, POSITIONS[category][kind]),
                staff_number=f"{STAFF_PREFIX}{number:06d}",
                office_phone=f"0532-{rng.randint(80_000_000, 89_999_999)}",
                is_active=index == 0 or rng.random() >= INACTIVE_SHARE,
            )
            planned.append((person, male))
            number += 1
    return planned


def roles_for(person: Person) -> tuple[str, ...]:
    if person.position in POSITION_ROLES:
        return POSITION_ROLES[person.position]
    if person.category == PersonCategory.QUOTA_JUDGE:
        return (Role.JUDGE,)
    if person.category == PersonCategory.SUPPORT_STAFF:
        if person.department and person.department.type == DepartmentType.CASE_FILING:
            return (Role.FILING_CLERK,)
        return (Role.SUPPORT_STAFF,)
    kind = person.department.type if person.department else ""
    # In the general office only the IT administrator administers the system.
    if kind in DEPARTMENT_ROLES and (
        kind != DepartmentType.GENERAL_OFFICE or person.position == "信息技术管理员"
    ):
        return DEPARTMENT_ROLES[kind]
    return ()


# --- Writing ---------------------------------------------------------------------------------


def next_ids(model: type[models.Model], count: int) -> range:
    """Primary keys for `count` rows about to be inserted with `insert_rows`: on from the
    highest one. Seeding runs in one transaction, alone on a benchmark database; call
    `reset_sequences` afterwards so that rows made later through the services number on."""
    highest = model._default_manager.aggregate(highest=models.Max("pk"))["highest"] or 0
    return range(highest + 1, highest + 1 + count)


def reset_sequences(*model_classes: type[models.Model]) -> None:
    """Move PostgreSQL's id sequences past the ids `insert_rows` gave explicitly (SQLite's
    AUTOINCREMENT counter follows an explicit id by itself)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_classes))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _converter(field: Any, ciphertexts: dict[str, str] | None) -> Callable[[Any], Any] | None:
    """How one column's value goes to the database, decided once per column: None where
    the driver takes the Python value as it is."""
    if isinstance(field, EncryptedTextField):
        if ciphertexts is None:
            return lambda value: encrypt(str(value)) if value not in (None, "") else value

        def encrypt_once(value: Any) -> Any:
            if value in (None, ""):
                return value
            text = str(value)
            token = ciphertexts.get(text)
            if token is None:
                token = ciphertexts[text] = encrypt(text)
            return token

        return encrypt_once
    if isinstance(field, models.DateTimeField):
        adapt = connection.ops.adapt_datetimefield_value
        if connection.vendor == "sqlite" and settings.USE_TZ and connection.timezone is UTC:
            # What adapt does with a datetime already in UTC, in one step (a million
            # visits carry four datetimes each).
            def utc_text(value: Any) -> Any:
                if isinstance(value, datetime) and value.tzinfo is UTC:
                    return str(value.replace(tzinfo=None))
                return adapt(value)

            return utc_text
        return adapt
    if isinstance(field, models.DateField):
        return connection.ops.adapt_datefield_value
    if isinstance(field, models.ForeignKey | models.AutoField | models.BooleanField | models.IntegerField):
        return None
    if type(field) in (models.CharField, models.TextField):
        return None
    return lambda value: field.get_db_prep_save(value, connection)


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    chunk: int = 5000,
    ciphertexts: dict[str, str] | None = None,
) -> int:
    """INSERT `rows` — tuples of values for `fields` (attribute names: `court_id`, and
    `id` when other rows refer to them) — with one prepared statement per chunk
    (`executemany`). Every other column gets its field's default. For millions of rows:
    `bulk_create` builds a model instance and runs the ORM's per-field preparation for
    each value, which was most of seeding a million visits. Values go through the same
    conversions as the ORM's — `EncryptedTextField` encrypts, datetimes are adapted by
    the backend — so the rows are what the services write. `ciphertexts`, a dict the
    caller keeps across calls, encrypts each distinct value once and reuses its token
    (a returning visitor's document number): for scale data only, where equal values
    may show as equal (their blind index shows that anyway)."""
    opts = model._meta
    given: list[Any] = [opts.get_field(name) for name in fields]
    given_columns = {field.column for field in given}
    defaults = [
        field
        for field in opts.concrete_fields
        if field.column not in given_columns
        and not isinstance(field, models.AutoField)
        and not getattr(field, "generated", False)  # a GeneratedField is the database's to fill
    ]
    default_values = tuple(field.get_db_prep_save(field.get_default(), connection) for field in defaults)
    columns = [field.column for field in given] + [field.column for field in defaults]
    quote = connection.ops.quote_name
    # Table and column names come from the model, quoted; the values are parameters.
    names = ", ".join(quote(column) for column in columns)
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO {quote(opts.db_table)} ({names}) VALUES ({placeholders})"  # noqa: S608
    converters = [
        (index, convert) for index, field in enumerate(given) if (convert := _converter(field, ciphertexts))
    ]
    written = 0
    with connection.cursor() as cursor:
        for batch in _batched(rows, chunk):
            prepared = []
            for row in batch:
                values = list(row)
                for index, convert in converters:
                    values[index] = convert(values[index])
                prepared.append((*values, *default_values))
            cursor.executemany(sql, prepared)
            written += len(prepared)
    return written


@contextmanager
def indexes_built_after(*model_classes: type[models.Model]) -> Iterator[None]:
    """On SQLite, drop the tables' indexes while the block loads them and create them
    again afterwards from their own stored definitions, as a database restore does:
    building an index once over sorted keys is much cheaper than keeping ten indexes up
    to date through a million random inserts. Inside seed_scale's transaction (SQLite's
    DDL is transactional), so a failed load leaves the indexes as they were; unique
    indexes are checked again when they are rebuilt. Elsewhere it does nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    tables = [model._meta.db_table for model in model_classes]
    with connection.cursor() as cursor:
        placeholders = ", ".join(["%s"] * len(tables))
        query = (
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
        )
        cursor.execute(f"{query}({placeholders})", tables)
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)


def _batched(rows: Iterable[Sequence[object]], size: int) -> Iterator[tuple[Sequence[object], ...]]:
    iterator = iter(rows)
    while batch := tuple(itertools.islice(iterator, size)):
        yield batch


def _ensure_courts(total: int, result: ScaleResult) -> list[Court]:
    """The city's courts, found by division code or created (in bulk). The provincial
    higher court is made as the intermediate court's parent but gets no staff."""
    specs = court_specs(total)
    codes = [str(spec["division_code"]) for spec in specs]
    wanted = [str(HIGHER_COURT["division_code"]), *codes]
    existing = {c.division_code: c for c in Court.objects.filter(division_code__in=wanted)}
    higher = existing.get(str(HIGHER_COURT["division_code"]))
    if higher is None:
        higher = Court.objects.create(**HIGHER_COURT)
        result.courts += 1
    intermediate = existing.get(str(INTERMEDIATE_COURT["division_code"]))
    if intermediate is None:
        intermediate = Court.objects.create(parent=higher, **INTERMEDIATE_COURT)
        existing[intermediate.division_code] = intermediate
        result.courts += 1
    missing = [Court(parent=intermediate, **spec) for spec in specs if spec["division_code"] not in existing]
    Court.objects.bulk_create(missing)
    result.courts += len(missing)
    by_code = {c.division_code: c for c in Court.objects.filter(division_code__in=codes)}
    return [by_code[code] for code in codes]


def _ensure_departments(courts: Sequence[Court], result: ScaleResult) -> dict[int, list[Department]]:
    have = set(Department.objects.filter(court__in=courts).values_list("court_id", "name"))
    missing = [
        Department(court=court, name=name, type=kind)
        for court in courts
        for name, kind in STANDARD_DEPARTMENTS
        if (court.pk, name) not in have
    ]
    Department.objects.bulk_create(missing, batch_size=BATCH_SIZE)
    result.departments += len(missing)
    departments: dict[int, list[Department]] = {court.pk: [] for court in courts}
    for department in Department.objects.filter(court__in=courts, is_active=True).order_by("court_id", "pk"):
        departments[department.court_id].append(department)
    return departments


def _next_staff_number() -> int:
    numbers = Person.objects.filter(staff_number__startswith=STAFF_PREFIX).values_list(
        "staff_number", flat=True
    )
    return (
        max(
            (int(n[len(STAFF_PREFIX) :]) for n in numbers if n[len(STAFF_PREFIX) :].isdigit()),
            default=0,
        )
        + 1
    )


def _private_rows(
    rng: random.Random, people: Sequence[tuple[Person, bool]], today: date
) -> tuple[list[PersonPrivate], list[Relative]]:
    taken = set(PersonPrivate.objects.exclude(id_number_index="").values_list("id_number_index", flat=True))
    rows = []
    relatives: list[Relative] = []
    for person, male in people:
        if rng.random() >= PRIVATE_SHARE:
            continue
        while True:
            number = random_id_number(rng, male=male, today=today)
            index = services.id_number_index(number)
            if index not in taken:
                taken.add(index)
                break
        rows.append(
            PersonPrivate(
                person=person,
                home_address=random_address(rng),
                private_phone=random_mobile(rng),
                id_number=number,
                id_number_index=index,
            )
        )
        relatives += [
            Relative(private_id=person.pk, relation=relation, name=relative, phone=phone)
            for relation, relative, phone in random_family(rng, name=person.name, male=male)
        ]
    return rows, relatives


@contextmanager
def _large_page_cache() -> Iterator[None]:
    """On SQLite, a 256 MB page cache while seeding (the default 2 MB makes every insert
    into the visits' ten indexes read and write pages back and forth), set back after:
    it belongs to this connection only and changes nothing on disk."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute("PRAGMA cache_size = -262144")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {before}")


def seed_scale(options: ScaleOptions | None = None) -> ScaleResult:
    """Load city-scale data; raises ScaleDataExists when it is there and not forced."""
    options = options or ScaleOptions()
    if settings.BENCHGUARD_ENV == "production":
        raise ImproperlyConfigured("seed-scale makes fake people; it does not run in production")
    if options.people < 0:
        raise ValueError("people must not be negative")
    started = time.perf_counter()
    result = ScaleResult()
    with _large_page_cache(), transaction.atomic():
        first_number = _next_staff_number()
        if first_number > 1 and not options.force:
            raise ScaleDataExists(
                f"scale data is already loaded ({first_number - 1} generated people); use --force to add more"
            )
        rng = random.Random(f"benchguard-scale:{options.seed}:{first_number}")
        courts = _ensure_courts(options.courts, result)
        departments = _ensure_departments(courts, result)
        planned = plan_people(rng, courts, departments, count=options.people, first_number=first_number)

        accounts = _create_accounts(rng, planned, options.batch_size)
        Person.objects.bulk_create([p for p, _m in planned], batch_size=options.batch_size)
        # Not every backend hands back the new ids from bulk_create; read them by key.
        ids = dict(
            Person.objects.filter(staff_number__in=[p.staff_number for p, _m in planned]).values_list(
                "staff_number", "pk"
            )
        )
        for person, _male in planned:
            person.pk = ids[person.staff_number]
        private, relatives = _private_rows(rng, planned, today=timezone.localdate())
        PersonPrivate.objects.bulk_create(private, batch_size=options.batch_size)
        Relative.objects.bulk_create(relatives, batch_size=options.batch_size)
        assignments = [
            RoleAssignment(
                account=person.account,
                role=role,
                court=person.court,
                department=person.department if role == Role.DIVISION_CHIEF else None,
            )
            for person, _male in planned
            if person.account is not None
            for role in roles_for(person)
        ]
        RoleAssignment.objects.bulk_create(assignments, batch_size=options.batch_size)
        result.people = len(planned)
        result.private_details = len(private)
        result.accounts = len(accounts)
        result.role_assignments = len(assignments)

        people = [p for p, _m in planned]
        for name, generate in generators().items():
            ctx = ScaleContext(
                rng=random.Random(f"benchguard-scale:{options.seed}:{first_number}:{name}"),
                options=options,
                courts=courts,
                departments=departments,
                people=people,
                accounts=accounts,
            )
            result.areas[name] = generate(ctx)

        audit.record_event(
            actor=None,
            action=AUDIT_ACTION,
            seed=options.seed,
            courts=len(courts),
            courts_created=result.courts,
            departments_created=result.departments,
            people=result.people,
            private_details=result.private_details,
            accounts=result.accounts,
            role_assignments=result.role_assignments,
            staff_numbers=[people[0].staff_number, people[-1].staff_number] if people else [],
            areas=result.areas,
        )
    result.seconds = time.perf_counter() - started
    return result


def _create_accounts(
    rng: random.Random, planned: Sequence[tuple[Person, bool]], batch_size: int
) -> list[Account]:
    """Accounts for about a quarter of the active people (always each court's first
    judge). Passwords are unusable: these stand for real staff, and nobody should log in
    as one by accident; benchmarks use `Client.force_login`."""
    accounts: list[Account] = []
    seen_courts: set[int] = set()
    for person, _male in planned:
        first_judge = person.court_id not in seen_courts and person.category == PersonCategory.QUOTA_JUDGE
        if first_judge:
            seen_courts.add(person.court_id)
        if not person.is_active or not (first_judge or rng.random() < ACCOUNT_SHARE):
            continue
        username = f"{USERNAME_PREFIX}{person.staff_number[len(STAFF_PREFIX) :]}"
        accounts.append(
            Account(
                username=username,
                display_name=person.name,
                email=f"{username}@court.local",
                password=make_password(None),
            )
        )
        person.account = accounts[-1]
    Account.objects.bulk_create(accounts, batch_size=batch_size)
    ids = dict(
        Account.objects.filter(username__in=[a.username for a in accounts]).values_list("username", "pk")
    )
    for account in accounts:
        account.pk = ids[account.username]
    for person, _male in planned:
        if person.account is not None:
            person.account_id = person.account.pk
    return accounts


def category_shares(people: Sequence[Person]) -> dict[str, float]:
    """Share of each category among `people` (for the command's summary and tests)."""
    counts = Counter(person.category for person in people)
    total = max(1, len(people))
    return {category: counts[category] / total for category in PersonCategory.values}
