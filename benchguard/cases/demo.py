"""Demo cases (A14): two cases of the intermediate court filed by its filing clerk
(何芳) — one whose plaintiff, 单立新, is on the controlled list (so screening finds
him), one whose parties are not — written through the services. Idempotent (found by
number)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from benchguard.cases import services
from benchguard.cases.choices import PartyKind, PartyRole
from benchguard.cases.models import Case
from benchguard.core.demo import register_demo
from benchguard.organization.demo import demo_id_number
from benchguard.organization.models import Account, Court, Department, Person

INTERMEDIATE = "370200"
# The demo's case numbers at the intermediate court this year: type code and sequence.
# Scale data leaves them free (cases/scale.py), so the demo can be loaded after it.
NUMBERS = (("民初", 356), ("民终", 88))


@register_demo("cases")
@transaction.atomic
def load_cases_demo() -> None:
    court = Court.objects.get(division_code=INTERMEDIATE)
    year = timezone.localdate().year
    (first_type, first_sequence), (second_type, second_sequence) = NUMBERS
    first = f"（{year}）{court.case_code}{first_type}{first_sequence}号"
    if Case.objects.filter(court=court, number=first).exists():
        return
    clerk = Account.objects.get(username="clerk")
    today = timezone.localdate()
    new_year = today.replace(month=1, day=1)  # a case is filed in the year of its number
    civil = Department.objects.get(court=court, name="民事审判第一庭")
    judge = Person.objects.get(account__username="judge")
    chief = Person.objects.get(account__username="chief")
    services.file_case(
        actor=clerk,
        court=court,
        number=first,
        cause="房屋买卖合同纠纷",
        filed_on=max(new_year, today - dt.timedelta(days=40)),
        division=civil,
        judge=judge,
        panel=[chief],
        parties=[
            {
                "kind": PartyKind.PERSON,
                "role": PartyRole.PLAINTIFF,
                "name": "单立新",
                "document_kind": "resident_id",
                "document_number": demo_id_number("19750308", "031"),
            },
            {"kind": PartyKind.ORGANISATION, "role": PartyRole.DEFENDANT, "name": "青岛海景置业有限公司"},
        ],
    )
    services.file_case(
        actor=clerk,
        court=court,
        number=f"（{year}）{court.case_code}{second_type}{second_sequence}号",
        cause="民间借贷纠纷",
        filed_on=max(new_year, today - dt.timedelta(days=12)),
        division=civil,
        judge=chief,
        parties=[
            {
                "kind": PartyKind.PERSON,
                "role": PartyRole.APPELLANT,
                "name": "吴晓梅",
                "document_kind": "resident_id",
                "document_number": demo_id_number("19820611", "042"),
            },
            {"kind": PartyKind.PERSON, "role": PartyRole.APPELLEE, "name": "钱立强"},
        ],
    )
