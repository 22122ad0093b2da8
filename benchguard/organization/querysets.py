"""Scoped querysets: `.visible_to(user)` is the only way views and the API list rows."""

from __future__ import annotations

from typing import Any

from django.db import models

from benchguard.core.access import court_ids_with, is_city_admin


class CourtQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> CourtQuerySet:
        if is_city_admin(user):
            return self
        return self.filter(pk__in=court_ids_with(user))


class DepartmentQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> DepartmentQuerySet:
        if is_city_admin(user):
            return self
        return self.filter(court_id__in=court_ids_with(user))


class PersonQuerySet(models.QuerySet):
    def visible_to(self, user: Any) -> PersonQuerySet:
        """A user sees the people of the courts where they hold a role (A30: each
        court runs its own records); a superuser sees every court's directory."""
        if is_city_admin(user):
            return self
        return self.filter(court_id__in=court_ids_with(user))
