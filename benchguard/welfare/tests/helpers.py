"""Shared arrangements of the welfare tests (through the services)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from benchguard.incidents.choices import IncidentKind, Nature
from benchguard.incidents.models import Incident
from benchguard.incidents.services.register import report_incident
from benchguard.organization.models import Account, Court, Person
from benchguard.welfare import services
from benchguard.welfare.choices import FundKind
from benchguard.welfare.models import Fund


def account(name: str) -> Account:
    return Account.objects.get(username=name)


def person(name: str) -> Person:
    return Person.objects.get(account__username=name)


def intermediate() -> Court:
    return Court.objects.get(division_code="370200")


def harm_incident(*people: Person, nature: str = Nature.HARM_PERSON, **extra: Any) -> Incident:
    return report_incident(
        actor=account("office"),
        court=intermediate(),
        kind=IncidentKind.THREAT,
        nature=nature,
        occurred_at=timezone.now() - dt.timedelta(hours=1),
        place="测试地点",
        description="当事人在法院门口推搡法官",
        targets=list(people),
        **extra,
    )


def funded(kind: str, amount: str) -> Fund:
    keeper = "personnel" if kind == FundKind.RISK else "office"
    fund = services.fund_of(intermediate(), kind)
    services.record_fund_income(
        actor=account(keeper), fund=fund, amount=Decimal(amount), on=timezone.localdate(), purpose="年度拨款"
    )
    fund.refresh_from_db()
    return fund
