"""Scoped querysets of the privacy area (house style 4): `.visible_to(user)`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.db.models import Q
from django.utils import timezone


def _cases(user: Any, prefix: str = "") -> Q:
    from benchguard.privacy.choices import INTERNAL_KINDS, CaseKind
    from benchguard.privacy.permissions import internal_reader_court_ids, reader_court_ids

    internal = [str(kind) for kind in INTERNAL_KINDS]
    return (
        Q(**{f"{prefix}court_id__in": reader_court_ids(user)}, **{f"{prefix}kind": CaseKind.ONLINE})
        | Q(**{f"{prefix}court_id__in": internal_reader_court_ids(user)}, **{f"{prefix}kind__in": internal})
        | Q(**{f"{prefix}person__account_id": user.pk}, **{f"{prefix}kind": CaseKind.ONLINE})
    )


class ExposureCaseQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> ExposureCaseQuerySet:
        """Online cases: the court's readers and the person affected. Internal cases: the
        office, the discipline inspectors, the chair and vice-chairs (permissions)."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(_cases(user))


class NoticeQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> NoticeQuerySet:
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(_cases(user, "exposure__"))

    def overdue(self, today: dt.date | None = None) -> NoticeQuerySet:
        """Sent or acknowledged, past the court's internal follow-up target."""
        from benchguard.privacy.choices import NoticeStatus

        return self.filter(
            status__in=[NoticeStatus.SENT, NoticeStatus.ACKNOWLEDGED],
            follow_up_due__lt=today or timezone.localdate(),
        )
