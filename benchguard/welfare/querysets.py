"""Scoped querysets of the welfare area: `.visible_to(user)` is the only way pages and
the API list its rows (permissions.py says who reads what). Nobody reads another
court's rows; the city administrator reads none (A18: a person's welfare is private)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from benchguard.core.access import court_ids_with


def _none() -> Q:
    return Q(pk__in=[])


def _own(user: Any, path: str = "person") -> Q:
    return Q(**{f"{path}__account_id": user.pk})


class InsurancePolicyQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> InsurancePolicyQuerySet:
        from benchguard.welfare.permissions import INSURANCE_READERS

        if not user.is_authenticated:
            return self.none()
        return self.filter(court_id__in=court_ids_with(user, INSURANCE_READERS))


class InsuranceClaimQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> InsuranceClaimQuerySet:
        from benchguard.welfare.permissions import INSURANCE_READERS

        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(court_id__in=court_ids_with(user, INSURANCE_READERS)) | _own(user))


class WelfareFundQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> WelfareFundQuerySet:
        from benchguard.welfare.choices import FundKind
        from benchguard.welfare.permissions import INSURANCE_READERS, SPECIAL_READERS

        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(kind=FundKind.RISK, court_id__in=court_ids_with(user, INSURANCE_READERS))
            | Q(kind=FundKind.SPECIAL, court_id__in=court_ids_with(user, SPECIAL_READERS))
        )


class WelfareFundEntryQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> WelfareFundEntryQuerySet:
        from benchguard.welfare.models import Fund

        return self.filter(fund__in=Fund.objects.visible_to(user))


class CondolencePaymentQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> CondolencePaymentQuerySet:
        """The union's and personnel office's court, the person's own, and for a court
        leader the payments asking for a raised standard."""
        from benchguard.welfare.permissions import CONDOLENCE_READERS, LEADERS

        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(court_id__in=court_ids_with(user, CONDOLENCE_READERS))
            | _own(user)
            | Q(raised_standard=True, court_id__in=court_ids_with(user, LEADERS))
        )


class CondolenceVisitQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> CondolenceVisitQuerySet:
        from benchguard.welfare.permissions import CONDOLENCE_READERS

        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(court_id__in=court_ids_with(user, CONDOLENCE_READERS)) | _own(user))


class AssistanceApplicationQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> AssistanceApplicationQuerySet:
        from benchguard.welfare.permissions import SPECIAL_READERS

        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(court_id__in=court_ids_with(user, SPECIAL_READERS)) | _own(user))


class WelfareFollowUpQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> WelfareFollowUpQuerySet:
        from benchguard.welfare.permissions import DESKS

        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(court_id__in=court_ids_with(user, DESKS)) | _own(user))


class WelfareFollowUpItemQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> WelfareFollowUpItemQuerySet:
        from benchguard.welfare.models import FollowUp

        return self.filter(followup__in=FollowUp.objects.visible_to(user))
