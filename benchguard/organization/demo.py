"""Demo data: the city's real courts, their departments, one persona per role.

`load_demo()` loads the whole city's demo: this area's loader (registered below) and
every other area's, through the registry in `core.demo`, in `INSTALLED_APPS` order.
It is idempotent: every row is found by its natural key first, so running `make demo`
twice creates nothing twice. Everything is created through the services, so the
demo's audit trail is a real one.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from benchguard.core.demo import load_all, register_demo
from benchguard.core.identity import check_character
from benchguard.organization import services
from benchguard.organization.choices import PersonCategory, Role
from benchguard.organization.models import Account, Court, Department, Person, PersonPrivate
from benchguard.organization.reference import (
    BASE_COURTS,
    HIGHER_COURT,
    INTERMEDIATE_COURT,
    STANDARD_DEPARTMENTS,
    base_court_fields,
)

DEMO_PASSWORD = "bench-demo-2026"  # noqa: S105  (demo only; printed by make demo)
INTERMEDIATE = "370200"
SHINAN = "370202"


@dataclass(frozen=True)
class Persona:
    username: str
    name: str
    court: str  # division code
    department: str | None
    category: str
    position: str
    roles: tuple[str, ...]
    staff_number: str = ""
    is_staff: bool = False
    is_superuser: bool = False


PERSONAS = [
    Persona("judge", "王立明", INTERMEDIATE, "民事审判第一庭", PersonCategory.QUOTA_JUDGE, "审判员", (Role.JUDGE,), "Z0101"),
    Persona("staff", "李静", INTERMEDIATE, "民事审判第一庭", PersonCategory.SUPPORT_STAFF, "法官助理", (Role.SUPPORT_STAFF,), "Z0102"),
    Persona("office", "赵敏", INTERMEDIATE, "法官权益保障委员会办公室", PersonCategory.OTHER_STAFF, "办公室科员", (Role.COMMITTEE_OFFICE,), "Z0103"),
    Persona("chair", "刘建国", INTERMEDIATE, "办公室", PersonCategory.QUOTA_JUDGE, "院长", (Role.COMMITTEE_CHAIR, Role.COURT_LEADER, Role.COURT_PRESIDENT), "Z0001"),
    Persona("vicechair", "陈志强", INTERMEDIATE, "办公室", PersonCategory.QUOTA_JUDGE, "副院长", (Role.COMMITTEE_VICE_CHAIR, Role.COURT_LEADER), "Z0002"),
    Persona("member", "孙丽", INTERMEDIATE, "刑事审判第一庭", PersonCategory.QUOTA_JUDGE, "审判员", (Role.JUDGE, Role.COMMITTEE_MEMBER), "Z0104"),
    Persona("chief", "周海", INTERMEDIATE, "民事审判第一庭", PersonCategory.QUOTA_JUDGE, "庭长", (Role.JUDGE, Role.DIVISION_CHIEF), "Z0105"),
    Persona("leader", "郑伟", INTERMEDIATE, "办公室", PersonCategory.QUOTA_JUDGE, "副院长", (Role.COURT_LEADER,), "Z0003"),
    Persona("police", "马军", INTERMEDIATE, "司法警察支队", PersonCategory.OTHER_STAFF, "司法警察", (Role.JUDICIAL_POLICE,), "Z0106"),
    Persona("guard", "高强", INTERMEDIATE, "传达室", PersonCategory.OTHER_STAFF, "门卫", (Role.GATEHOUSE_GUARD,), "Z0107"),
    Persona("clerk", "何芳", INTERMEDIATE, "立案庭", PersonCategory.SUPPORT_STAFF, "书记员", (Role.FILING_CLERK,), "Z0108"),
    Persona("personnel", "徐丽华", INTERMEDIATE, "政治部", PersonCategory.OTHER_STAFF, "政治部干部", (Role.PERSONNEL_OFFICE,), "Z0109"),
    Persona("admin", "许明", INTERMEDIATE, "办公室", PersonCategory.OTHER_STAFF, "信息技术管理员", (Role.SYSTEM_ADMIN,), "Z0110", is_staff=True),
    Persona("judge2", "张伟", SHINAN, "民事审判第一庭", PersonCategory.QUOTA_JUDGE, "审判员", (Role.JUDGE,), "S0101"),
    Persona("outsider", "访客账号", "", None, "", "", ()),
    Persona("cityadmin", "全市系统管理员", "", None, "", "", (), is_staff=True, is_superuser=True),
    # Last, so the personas before keep their place (their demo ID numbers count it).
    Persona("reception", "冯涛", INTERMEDIATE, "信访办公室", PersonCategory.OTHER_STAFF, "接访员", (Role.PETITION_RECEPTION,), "Z0111"),
    Persona("trialmgmt", "钱晓红", INTERMEDIATE, "审判管理办公室", PersonCategory.OTHER_STAFF, "审管办主任", (Role.TRIAL_MANAGEMENT,), "Z0112"),
    Persona("inspector", "袁刚", INTERMEDIATE, "纪检监察室", PersonCategory.OTHER_STAFF, "纪检监察员", (Role.DISCIPLINE_INSPECTION,), "Z0113"),
    Persona("union", "邓桂兰", INTERMEDIATE, "工会", PersonCategory.OTHER_STAFF, "工会主席", (Role.TRADE_UNION,), "Z0114"),
    Persona("counsellor", "吕佳", INTERMEDIATE, "政治部", PersonCategory.OTHER_STAFF, "心理咨询师", (Role.COUNSELLOR,), "Z0115"),
]  # fmt: skip
# Every persona's username, in this order: the tests' one list of who can sign in.
PERSONA_USERNAMES: tuple[str, ...] = tuple(persona.username for persona in PERSONAS)

# A few more people so the directory is not empty beside the personas.
COLLEAGUES = [
    ("杨帆", "民事审判第二庭", PersonCategory.QUOTA_JUDGE, "审判员"),
    ("黄晓东", "刑事审判第一庭", PersonCategory.QUOTA_JUDGE, "副庭长"),
    ("林婷", "行政审判庭", PersonCategory.QUOTA_JUDGE, "审判员"),
    ("罗斌", "执行局", PersonCategory.QUOTA_JUDGE, "执行局局长"),
    ("谢雨", "执行局", PersonCategory.SUPPORT_STAFF, "执行员"),
    ("韩磊", "司法警察支队", PersonCategory.OTHER_STAFF, "司法警察"),
    ("曹洁", "诉讼服务中心", PersonCategory.SUPPORT_STAFF, "书记员"),
]


def demo_id_number(birth: str, sequence: str) -> str:
    first17 = f"370202{birth}{sequence}"
    return first17 + check_character(first17)


def load_demo() -> list[Persona]:
    """Load every area's demo data (this one first) and return the personas to print."""
    load_all()
    return PERSONAS


@register_demo("organization")
@transaction.atomic
def load_organization_demo() -> None:
    """Create (or find) the demo courts, departments, people and accounts."""
    from django.utils import timezone

    from benchguard.core.deadlines import seed_calendar

    # The demo's dates run from 2025 to next year; a year never seeded refuses to count
    # time limits, so a demo loaded in a later year seeds that year and the next too.
    this_year = timezone.localdate().year
    seed_calendar(sorted({2025, 2026, 2027, this_year - 1, this_year, this_year + 1}))
    higher = Court.objects.filter(
        division_code=HIGHER_COURT["division_code"]
    ).first() or services.create_court(actor=None, **HIGHER_COURT)
    courts = {
        INTERMEDIATE: Court.objects.filter(division_code=INTERMEDIATE).first()
        or services.create_court(actor=None, parent=higher, **INTERMEDIATE_COURT)
    }
    for index, (_n, _s, _a, _c, code) in enumerate(BASE_COURTS):
        courts[code] = Court.objects.filter(division_code=code).first() or services.create_court(
            actor=None, parent=courts[INTERMEDIATE], **base_court_fields(index)
        )
    departments: dict[tuple[str, str], Department] = {}
    for code, court in courts.items():
        for name, kind in STANDARD_DEPARTMENTS:
            departments[(code, name)] = Department.objects.filter(court=court, name=name).first() or (
                services.create_department(actor=None, court=court, name=name, type=kind)
            )
    for persona in PERSONAS:
        _ensure_persona(persona, courts, departments)
    for index, (name, department, category, position) in enumerate(COLLEAGUES, start=1):
        staff_number = f"Z02{index:02d}"
        if not Person.objects.filter(court=courts[INTERMEDIATE], staff_number=staff_number).exists():
            services.create_person(
                actor=None, court=courts[INTERMEDIATE], department=departments[(INTERMEDIATE, department)],
                name=name, category=category, position=position, staff_number=staff_number,
                office_phone=f"0532-8099{index:04d}",
            )  # fmt: skip


def _ensure_persona(
    persona: Persona, courts: dict[str, Court], departments: dict[tuple[str, str], Department]
) -> None:
    account = Account.objects.filter(username=persona.username).first()
    if account is None:
        account = services.create_account(
            actor=None, username=persona.username, display_name=persona.name, password=DEMO_PASSWORD,
            email=f"{persona.username}@court.local", is_staff=persona.is_staff, is_superuser=persona.is_superuser,
        )  # fmt: skip
    if not persona.court:
        return
    court = courts[persona.court]
    department = departments[(persona.court, persona.department)] if persona.department else None
    for role in persona.roles:
        services.assign_role(
            actor=None, account=account, role=role, court=court,
            department=department if role == Role.DIVISION_CHIEF else None,
        )  # fmt: skip
    person = Person.objects.filter(court=court, staff_number=persona.staff_number).first()
    if person is None:
        person = services.create_person(
            actor=None, court=court, department=department, name=persona.name, category=persona.category,
            position=persona.position, staff_number=persona.staff_number, account=account,
            office_phone=f"0532-8088{persona.staff_number[-3:]}",
        )  # fmt: skip
        if persona.category == PersonCategory.QUOTA_JUDGE:
            PersonPrivate.objects.get_or_create(person=person)
            services.update_private_details(
                actor=account, person=person, expected_version=1,
                changes={
                    "home_address": "青岛市市南区香港中路 1 号",
                    "private_phone": f"1390532{persona.staff_number[-4:]}",
                    "id_number": demo_id_number("19800101", f"{PERSONAS.index(persona) + 1:03d}"),
                },
            )  # fmt: skip
            services.add_relative(
                actor=account, person=person, relation="配偶", name="林某某",
                phone=f"1380532{persona.staff_number[-4:]}",
            )  # fmt: skip
            services.add_relative(actor=account, person=person, relation="子女", name=f"{persona.name[0]}某")
