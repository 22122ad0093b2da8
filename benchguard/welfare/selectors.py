"""Scoped reads of the welfare area, with what each page shows (no N+1)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from benchguard.committee.models import Resolution
from benchguard.core.access import court_ids_with
from benchguard.organization.choices import PersonCategory
from benchguard.organization.models import Court, Person
from benchguard.welfare import permissions
from benchguard.welfare.choices import ItemStatus
from benchguard.welfare.models import (
    AssistanceApplication,
    CondolenceCap,
    CondolencePayment,
    CondolenceVisit,
    FollowUp,
    FollowUpItem,
    Fund,
    FundEntry,
    InsuranceClaim,
    InsurancePolicy,
)

PERSON = ("person", "person__department", "court")


def people_of(user: Any, roles: frozenset[str]) -> QuerySet[Person]:
    """The people in post at the courts where the user holds one of `roles` (the forms)."""
    return (
        Person.objects.filter(court_id__in=court_ids_with(user, roles), is_active=True)
        .select_related("department")
        .order_by("court_id", "name_pinyin", "id")
    )


def keeper_court(user: Any, roles: frozenset[str]) -> Court:
    """The court the user keeps a register for (the first, should they keep several)."""
    court = Court.objects.filter(pk__in=court_ids_with(user, roles)).order_by("sort_order", "pk").first()
    if court is None:
        raise PermissionDenied
    return court


# Insurance
def policies_for(user: Any) -> QuerySet[InsurancePolicy]:
    return (
        InsurancePolicy.objects.visible_to(user)
        .select_related("court")
        .annotate(insured_count=Count("insured"))
    )


def get_policy_for(user: Any, pk: int) -> InsurancePolicy:
    return get_object_or_404(InsurancePolicy.objects.visible_to(user).select_related("court"), pk=pk)


def claims_for(user: Any, *, status: str = "", category: str = "") -> QuerySet[InsuranceClaim]:
    rows = InsuranceClaim.objects.visible_to(user).select_related(*PERSON, "policy")
    if status:
        rows = rows.filter(status=status)
    if category:
        rows = rows.filter(person__category=category)
    return rows.order_by("-event_on", "-id")


def get_claim_for(user: Any, pk: int) -> InsuranceClaim:
    return get_object_or_404(
        InsuranceClaim.objects.visible_to(user).select_related(
            *PERSON, "policy", "on_duty_decided_by", "recorded_by"
        ),
        pk=pk,
    )


# Funds
def funds_for(user: Any) -> QuerySet[Fund]:
    return Fund.objects.visible_to(user).select_related("court").order_by("court_id", "kind")


def get_fund_for(user: Any, pk: int) -> Fund:
    return get_object_or_404(Fund.objects.visible_to(user).select_related("court"), pk=pk)


def entries_of(fund: Fund) -> QuerySet[FundEntry]:
    return fund.entries.select_related("person", "recorded_by").order_by("-recorded_at", "-id")


# Condolence
def payments_for(user: Any, *, status: str = "", category: str = "") -> QuerySet[CondolencePayment]:
    rows = CondolencePayment.objects.visible_to(user).select_related(*PERSON)
    if status:
        rows = rows.filter(status=status)
    if category:
        rows = rows.filter(person__category=category)
    return rows.order_by("-created_at", "-id")


def get_payment_for(user: Any, pk: int) -> CondolencePayment:
    return get_object_or_404(
        CondolencePayment.objects.visible_to(user).select_related(
            *PERSON, "raised_approved_by", "requested_by", "followup"
        ),
        pk=pk,
    )


def steps_of(payment: CondolencePayment) -> Any:
    return payment.steps.select_related("by").order_by("at", "id")


def visits_for(user: Any) -> QuerySet[CondolenceVisit]:
    return CondolenceVisit.objects.visible_to(user).select_related(*PERSON).order_by("-visited_on", "-id")


def caps() -> QuerySet[CondolenceCap]:
    """The cap table (a city-wide setting with no person in it: every reader sees it)."""
    return CondolenceCap.objects.order_by("-in_force", "jurisdiction", "occasion", "id")


# Special assistance fund
def applications_for(user: Any, *, status: str = "", category: str = "") -> QuerySet[AssistanceApplication]:
    rows = AssistanceApplication.objects.visible_to(user).select_related(*PERSON)
    if status:
        rows = rows.filter(status=status)
    if category:
        rows = rows.filter(person__category=category)
    return rows.order_by("-created_at", "-id")


def get_application_for(user: Any, pk: int) -> AssistanceApplication:
    return get_object_or_404(
        AssistanceApplication.objects.visible_to(user).select_related(
            *PERSON, "decided_by", "resolution", "resolution__meeting", "submitted_by"
        ),
        pk=pk,
    )


def resolutions_for(user: Any) -> QuerySet[Resolution]:
    """The resolutions of the committee meetings of the courts the user decides for."""
    ids = court_ids_with(user, permissions.DECIDERS | permissions.OFFICE)
    return (
        Resolution.objects.filter(meeting__court_id__in=ids)
        .select_related("meeting")
        .order_by("-meeting__id", "-id")
    )


# Follow-up after harm
def followups_for(user: Any, *, open_only: bool = False) -> QuerySet[FollowUp]:
    rows = (
        FollowUp.objects.visible_to(user)
        .select_related(*PERSON, "incident")
        .annotate(open_items=Count("items", filter=Q(items__status=ItemStatus.OPEN)))
    )
    if open_only:
        rows = rows.filter(open_items__gt=0)
    return rows.order_by("-opened_at", "-id")


def get_followup_for(user: Any, pk: int) -> FollowUp:
    return get_object_or_404(
        FollowUp.objects.visible_to(user).select_related(*PERSON, "incident", "matter"), pk=pk
    )


def items_of(followup: FollowUp) -> QuerySet[FollowUpItem]:
    return followup.items.select_related("done_by").order_by("due_on", "id")


def get_item_for(user: Any, pk: int) -> FollowUpItem:
    return get_object_or_404(
        FollowUpItem.objects.visible_to(user).select_related(
            "followup", "followup__person", "followup__court"
        ),
        pk=pk,
    )


def desk_items_for(user: Any, limit: int = 10) -> tuple[list[FollowUpItem], int]:
    """The open follow-up items on the user's desks (their roles, their courts), the
    earliest due first (home panel)."""
    from benchguard.core.access import grants_of

    desk = Q(pk__in=[])
    for grant in grants_of(user):
        if grant.role in permissions.DESKS:
            desk |= Q(owner_role=grant.role, followup__court_id=grant.court_id)
    rows = FollowUpItem.objects.filter(desk, status=ItemStatus.OPEN)
    shown = list(rows.select_related("followup", "followup__person").order_by("due_on", "id")[:limit])
    return shown, rows.count()


# Reports by category (A2, A28)
def by_category(user: Any) -> list[dict[str, Any]]:
    """Each register the user reads, split by quota judge / support staff / other staff:
    how many rows and, for money, how much (counts and sums, never names)."""
    reports: list[dict[str, Any]] = []

    def split(label: Any, rows: QuerySet[Any], amount: str | None, path: str = "person__category") -> None:
        aggregates: dict[str, Any] = {}
        for value, _label in PersonCategory.choices:
            aggregates[f"{value}_n"] = Count("id", filter=Q(**{path: value}), distinct=True)
            if amount:
                aggregates[f"{value}_sum"] = Sum(amount, filter=Q(**{path: value}))
        found = rows.aggregate(**aggregates)
        reports.append(
            {
                "label": label,
                "money": bool(amount),
                "cells": [
                    {"category": text, "count": found[f"{value}_n"], "sum": found.get(f"{value}_sum") or 0}
                    for value, text in PersonCategory.choices
                ],
            }
        )

    from django.utils.translation import gettext_lazy as _

    if permissions.can_read_insurance(user):
        split(_("Insurance claims"), InsuranceClaim.objects.visible_to(user), "amount_paid")
        insured = Person.objects.filter(insurance_policies__in=InsurancePolicy.objects.visible_to(user))
        split(_("People insured"), Person.objects.filter(pk__in=insured.values("pk")), None, path="category")
    if permissions.can_read_condolence(user):
        split(_("Condolence payments"), CondolencePayment.objects.visible_to(user), "amount")
        split(_("Condolence visits"), CondolenceVisit.objects.visible_to(user), None)
    if permissions.can_read_applications(user):
        split(
            _("Special assistance applications"),
            AssistanceApplication.objects.visible_to(user),
            "amount_approved",
        )
    if permissions.can_read_followups(user):
        split(_("Follow-ups after harm"), FollowUp.objects.visible_to(user), None)
    return reports
