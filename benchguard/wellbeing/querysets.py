"""Scoped querysets of the wellbeing area: `.visible_to(user)` is the only way views and
the API list its rows (permissions.py says who reads what)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q


def _own(user: Any, field: str = "person") -> Q:
    from benchguard.wellbeing.permissions import own_person

    person = own_person(user)
    return Q(**{f"{field}_id": person.pk}) if person is not None else Q(pk__in=[])


class LeaveProfileQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> LeaveProfileQuerySet:
        from benchguard.wellbeing.permissions import leave_reader_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(person__court_id__in=leave_reader_court_ids(user)) | _own(user))


class LeaveRecordQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> LeaveRecordQuerySet:
        from benchguard.wellbeing.permissions import leave_reader_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(court_id__in=leave_reader_court_ids(user)) | _own(user))

    def counted(self) -> LeaveRecordQuerySet:
        return self.filter(is_cancelled=False)


class PayIssueQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PayIssueQuerySet:
        from benchguard.wellbeing.permissions import pay_reader_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(court_id__in=pay_reader_court_ids(user)) | _own(user))


class HealthExamQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> HealthExamQuerySet:
        from benchguard.wellbeing.permissions import health_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(Q(court_id__in=health_court_ids(user)) | _own(user))


class RecuperationQuerySet(HealthExamQuerySet):
    pass


class CounsellingRoomQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> CounsellingRoomQuerySet:
        from benchguard.wellbeing.permissions import any_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(court_id__in=any_court_ids(user))


class CounsellingSessionQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> CounsellingSessionQuerySet:
        """A session's counsellor and its person; nobody else (no role, no superuser)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(Q(counsellor_id=user.pk) | _own(user))


class ActivityQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ActivityQuerySet:
        from benchguard.wellbeing.permissions import any_court_ids

        if not user.is_authenticated:
            return self.none()
        return self.filter(court_id__in=any_court_ids(user))


class HoldingQuerySet(ActivityQuerySet):
    pass
