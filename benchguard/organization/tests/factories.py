"""factory_boy factories that create through the services, so test rows are versioned
and audited exactly like real ones."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import factory

from benchguard.organization import services
from benchguard.organization.choices import CourtLevel, DepartmentType, PersonCategory
from benchguard.organization.models import Court, Department, Person

CREATE: dict[type[Any], Callable[..., Any]] = {
    Court: services.create_court,
    Department: services.create_department,
    Person: services.create_person,
}


class ThroughServices(factory.Factory):
    """Creates its row with the organization's service for the model, as the system."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        return CREATE[model_class](actor=None, **kwargs)


class CourtFactory(ThroughServices):
    class Meta:
        model = Court

    name = factory.Sequence(lambda n: f"测试市第{n}基层人民法院")
    short_name = factory.Sequence(lambda n: f"测试{n}法院")
    abbreviation = factory.Sequence(lambda n: f"测{n}法")
    level = CourtLevel.BASE
    case_code = factory.Sequence(lambda n: f"鲁9{n:03d}")
    division_code = factory.Sequence(lambda n: f"39{n:04d}")


class DepartmentFactory(ThroughServices):
    class Meta:
        model = Department

    court = factory.SubFactory(CourtFactory)
    name = factory.Sequence(lambda n: f"民事审判第{n}庭")
    type = DepartmentType.TRIAL


class PersonFactory(ThroughServices):
    class Meta:
        model = Person

    department = factory.SubFactory(DepartmentFactory)
    court = factory.LazyAttribute(lambda person: person.department.court)
    name = factory.Iterator(["张明", "李华", "王芳", "刘洋", "陈静", "杨帆"])
    category = PersonCategory.QUOTA_JUDGE
    position = "审判员"
