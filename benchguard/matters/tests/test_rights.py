"""Matters are classified by the taxonomy of rights (A3) and the register filters by it."""

from __future__ import annotations

from collections.abc import Callable

from django.test import Client
from django.urls import reverse

from benchguard.matters.choices import Subject
from benchguard.matters.models import Matter
from benchguard.organization.rights import right_for


def test_a_matter_is_classified_by_its_subject(application: Callable[..., Matter]) -> None:
    assert application(subject=Subject.THREAT).right.code == "personal-safety"  # type: ignore[union-attr]
    assert application(subject=Subject.DEFAMATION).right.code == "reputation"  # type: ignore[union-attr]
    assert application(subject=Subject.PERSONNEL).right.code == "career"  # type: ignore[union-attr]


def test_the_register_lists_the_matters_of_one_category(
    application: Callable[..., Matter], client_as: Callable[[str | None], Client]
) -> None:
    privacy = application(subject=Subject.PRIVACY)
    threat = application(subject=Subject.THREAT)

    page = client_as("office").get(reverse("matters:all"), {"right": "privacy"})

    shown = {matter.pk for matter, _late in page.context["matters"]}
    assert privacy.pk in shown and threat.pk not in shown
    assert page.context["page"].paginator.count == Matter.objects.filter(right__code="privacy").count()


def test_the_applicant_may_choose_the_category(application: Callable[..., Matter]) -> None:
    matter = application(subject=Subject.THREAT, right=right_for("family"))
    assert matter.right == right_for("family")
