"""Scoped querysets of training and drills: `.visible_to(user)` is the only way pages
list their rows (house style 4). The readers of a court (permissions.READERS) see its
courses, sessions, attendance and drills; nobody else, the city administrator included."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import Q

from benchguard.training.permissions import reader_court_ids


class CourtTrainingQuerySet(models.QuerySet):
    court_path = "court_id"

    def visible_to(self, user: Any) -> Any:
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(Q(**{f"{self.court_path}__in": reader_court_ids(user)}))


class CourseQuerySet(CourtTrainingQuerySet):
    pass


class SessionQuerySet(CourtTrainingQuerySet):
    court_path = "course__court_id"


class DrillQuerySet(CourtTrainingQuerySet):
    pass
