"""What each reader of the audit trail may see of a line: the one place that knows, per
audited object type, which of its data the source area restricts and who reads it.

The audit trail records what the areas did, so its lines carry their data: a person of
concern's name and birth date, a list entry's level and legal basis, a warning talk's
content, a visit's reason for refusal. Whoever may read the trail (a court's system
administrator, the city administrator) is not for that a reader of those areas: the
controlled list is read by the judicial police, the committee office, filing clerks,
division chiefs and court leaders — not by administrators (persons_of_concern.permissions).
So for a viewer who may not read a line's source area, the line keeps what was done,
when, by whom and to which row (`action`, `actor_name`, `created_at`, `object_type`,
`object_id`, the names of the changed fields), and its restricted data is withheld:

- `object_repr` (a person's name, "name · level") becomes `withheld()` ("[withheld]" in
  the viewer's language);
- in `data`, every restricted field becomes `withheld()` wherever it appears (top
  level, `before`, `after`); `ALL` withholds every value but the changed fields' names.

Readers are given per court (`readable_courts`: the court ids whose lines of that area
the viewer may read, or `EVERY_COURT`), matching each area's own rules. Search in the
admin does not look at the object column of a withheld line (`withheld_q`), so a name
cannot be found by searching for it. The hash chain is untouched: this is a view.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from copy import copy as shallow_copy
from dataclasses import dataclass
from functools import cache
from typing import Any, Final

from django.db.models import Q
from django.utils.translation import gettext

from benchguard.core.access import court_ids_with


def withheld() -> str:
    """What is shown in place of a withheld value, in the viewer's language."""
    return gettext("[withheld]")


EVERY_COURT: Final = frozenset({-1})  # sentinel: the viewer reads the area in every court
ALL: Final = frozenset({"*"})  # every data value (but the names of the changed fields)
# Data keys never withheld: which fields changed (names, not values).
NEUTRAL_KEYS: Final = frozenset({"changed"})


@dataclass(frozen=True)
class Restriction:
    area: str
    object_types: frozenset[str]
    fields: frozenset[str]
    readable_courts: Callable[[Any], frozenset[int]]


def _courts_with(*roles: str) -> Callable[[Any], frozenset[int]]:
    return lambda user: frozenset(court_ids_with(user, roles))


@cache
def restrictions() -> tuple[Restriction, ...]:
    """The table (built on first use: the areas' permission modules import models)."""
    from benchguard.gate import permissions as gate
    from benchguard.incidents import permissions as incidents
    from benchguard.organization.choices import Role
    from benchguard.persons_of_concern import permissions as poc

    def list_readers(user: Any) -> frozenset[int]:
        # City-wide on purpose: a reader of any court reads every court's list (A15).
        return EVERY_COURT if poc.can_read(user) else frozenset()

    def talk_readers(user: Any) -> frozenset[int]:
        # A warning talk is about a person of concern: court-wide roles who read the list.
        if not poc.can_read(user):
            return frozenset()
        return frozenset(court_ids_with(user, incidents.COURT_WIDE_ROLES))

    return (
        Restriction(
            "persons of concern and the controlled list (A15)",
            frozenset(
                {
                    "persons_of_concern.personofconcern",
                    "persons_of_concern.personname",
                    "persons_of_concern.namekey",
                    "persons_of_concern.identitydocument",
                    "persons_of_concern.phonenumber",
                    "persons_of_concern.controlledlistentry",
                    "persons_of_concern.departmentlog",
                    "persons_of_concern.entrycitation",
                    "persons_of_concern.entrycorrection",
                    "persons_of_concern.entryobjection",
                }
            ),
            ALL,  # names, sex, birth date, description, level, legal basis, removal reason…
            list_readers,
        ),
        Restriction(
            "warning talks (A13.3)",
            frozenset({"incidents.warningtalk"}),
            ALL,  # the person, who conducted it, its content, the record's checksum
            talk_readers,
        ),
        Restriction(
            "after-hours protection (A12.3)",
            frozenset({"incidents.protectionrequest", "incidents.protectionlogentry"}),
            ALL,  # the judge, place, risk, decision note, what was done
            _courts_with(*incidents.COURT_WIDE_ROLES),
        ),
        Restriction(
            "incidents (A8, A9, A13)",
            frozenset(
                {
                    "incidents.incident",
                    "incidents.incidentattachment",
                    "incidents.protectivemeasure",
                    "incidents.policerequest",
                    "incidents.sanction",
                    "incidents.reception",
                    "incidents.chainnotification",
                    "incidents.reconsideration",
                }
            ),
            frozenset(
                {
                    "description",
                    "place",
                    "perpetrator_description",
                    "case_number",
                    "summary",
                    "request_text",
                    "response",
                    "follow_up",
                    "subject_name",
                    "reason",
                    "name",
                    "criminal_referral_to",
                    "grounds",
                    "outcome_note",
                }
            ),
            _courts_with(*incidents.COURT_WIDE_ROLES),
        ),
        Restriction(
            "emergency plans (A13)",
            frozenset({"incidents.emergencyplan", "incidents.planactivation", "incidents.activationcall"}),
            frozenset({"file_name"}),
            _courts_with(*incidents.PLAN_READER_ROLES),
        ),
        Restriction(
            "visits at the gate (A12.2)",
            frozenset(
                {
                    "gate.visit",
                    "gate.iddeposit",
                    "gate.screeninghit",
                    "gate.holddecisionrecord",
                    "gate.checkdecisionrecord",
                    "gate.dayendrecord",
                    "gate.helditem",
                }
            ),
            ALL,  # the visitor, purpose, host, reasons for holding or refusing, owners of items
            _courts_with(*(gate.DESK_ROLES | gate.LIST_ROLES)),
        ),
        Restriction(
            "private details (A18)",  # the values are already *** when written
            frozenset({"organization.personprivate"}),
            ALL,
            _courts_with(Role.PERSONNEL_OFFICE),
        ),
    )


def _by_type() -> dict[str, Restriction]:
    return {object_type: rule for rule in restrictions() for object_type in rule.object_types}


class AuditView:
    """One viewer's reading of the audit trail; build one per request."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._courts: dict[str, frozenset[int]] = {}

    def _readable(self, rule: Restriction) -> frozenset[int]:
        if rule.area not in self._courts:
            self._courts[rule.area] = rule.readable_courts(self.user)
        return self._courts[rule.area]

    def restriction_for(self, object_type: str, court_id: int | None) -> Restriction | None:
        """The rule that withholds this line's data from the viewer, or None."""
        rule = _by_type().get(object_type)
        if rule is None:
            return None
        courts = self._readable(rule)
        if courts == EVERY_COURT or (court_id is not None and court_id in courts):
            return None
        return rule

    def object_repr(self, entry: Any) -> str:
        if self.restriction_for(entry.object_type, entry.court_id) is None:
            return str(entry.object_repr)
        return withheld()

    def data(self, entry: Any) -> Any:
        rule = self.restriction_for(entry.object_type, entry.court_id)
        return entry.data if rule is None else redact(entry.data, rule.fields)

    def shown(self, entry: Any) -> Any:
        """The entry as the viewer may see it (an unsaved copy when anything is withheld;
        audit entries cannot be saved again anyway)."""
        rule = self.restriction_for(entry.object_type, entry.court_id)
        if rule is None:
            return entry
        copy = shallow_copy(entry)
        copy.object_repr = withheld()
        copy.data = redact(entry.data, rule.fields)
        return copy

    def withheld_q(self) -> Q | None:
        """The lines whose object column the viewer may not search, or None (none)."""
        withheld = Q()
        any_rule = False
        for rule in restrictions():
            courts = self._readable(rule)
            if courts == EVERY_COURT:
                continue
            any_rule = True
            types = Q(object_type__in=rule.object_types)
            withheld |= types & ~Q(court_id__in=courts) if courts else types
        return withheld if any_rule else None


def redact(data: Any, fields: frozenset[str]) -> Any:
    """`data` with the restricted fields' values withheld, at the top level and in
    `before` / `after`; `ALL` withholds every value but the names of changed fields."""
    if not isinstance(data, Mapping):
        return withheld() if data not in (None, "", [], {}) else data
    result: dict[str, Any] = {}
    for key, value in data.items():
        if key in NEUTRAL_KEYS:
            result[key] = value
        elif key in ("before", "after") and isinstance(value, Mapping):
            result[key] = redact(value, fields)
        elif fields == ALL or key in fields:
            result[key] = withheld() if value not in (None, "") else value
        else:
            result[key] = value
    return result
