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

Each area registers its rules (`register`, from `<app>/audit_rules.py`). Readers are
given per court (`readable_courts`: the court ids whose lines of that area
the viewer may read, or `EVERY_COURT`), matching each area's own rules. Search in the
admin does not look at the object column of a withheld line (`withheld_q`), so a name
cannot be found by searching for it; it never looks into `data`. The hash chain is
untouched: this is a view.

Inside an area, some values are narrower than the area itself: the answer to a
counselling offer on a follow-up item is read by the counsellor and the person, not by
the other desks that read the welfare trail. A rule's `line` hook decides such lines one
by one (`LineRule`): the fields withheld on that line even from the area's readers, and
whether this viewer reads the line although not a reader of the area (the person it is
about). The hook reads the row behind the line, so it is asked only where a line's data
is shown (`data`, `shown`: the detail page); the list's object and actor columns follow
the area's rule alone, which never shows more than the line's rule would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from copy import copy as shallow_copy
from dataclasses import dataclass
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
class LineRule:
    """What a `Restriction.line` hook says of one line for one viewer."""

    # Withheld on this line from this viewer, even when they read the area (`ALL`: every value).
    fields: frozenset[str] = frozenset()
    # The viewer reads this line although the area's rule would withhold it (the person
    # the line is about); `fields` still apply.
    reader: bool = False


@dataclass(frozen=True)
class Restriction:
    area: str
    object_types: frozenset[str]
    fields: frozenset[str]
    readable_courts: Callable[[Any], frozenset[int]]
    # Also withhold who acted: for a record whose very existence is confidential (a
    # counselling session, wellbeing), the actor's name would say whose it is.
    actor: bool = False
    # Field-level rule line by line (`LineRule`): `line(viewer, entry)` -> a LineRule, or
    # None when the area's rule alone decides the line.
    line: Callable[[Any, Any], LineRule | None] | None = None
    # Not even listed: for a record whose very existence is confidential (a counselling
    # session), a line "withheld" still says when something happened, right after whose
    # sign-in. Viewers who do not read the area do not get the line at all (`hidden_q`);
    # the chain is still whole and verified (`verify-audit`), the ids run on with a gap.
    hidden: bool = False


def courts_with(*roles: str) -> Callable[[Any], frozenset[int]]:
    """`readable_courts` for an area read by these roles, court by court."""
    return lambda user: frozenset(court_ids_with(user, roles))


# The rules, registered by each area for its own models (`<app>/audit_rules.py`, imported
# by the app's `ready()`): core knows the mechanism, the areas know what they restrict.
_RULES: list[Restriction] = []
_BY_TYPE: dict[str, Restriction] = {}


def register(*rules: Restriction) -> None:
    for rule in rules:
        if clash := rule.object_types & _BY_TYPE.keys():
            raise ValueError(f"audit restriction for {sorted(clash)} registered twice")
        _RULES.append(rule)
        _BY_TYPE.update(dict.fromkeys(rule.object_types, rule))


def restrictions() -> tuple[Restriction, ...]:
    return tuple(_RULES)


class AuditView:
    """One viewer's reading of the audit trail; build one per request."""

    def __init__(self, user: Any) -> None:
        self.user = user
        self._courts: dict[str, frozenset[int]] = {}
        self._lines: dict[Any, LineRule | None] = {}

    def _readable(self, rule: Restriction) -> frozenset[int]:
        if rule.area not in self._courts:
            self._courts[rule.area] = rule.readable_courts(self.user)
        return self._courts[rule.area]

    def restriction_for(self, object_type: str, court_id: int | None) -> Restriction | None:
        """The rule that withholds this line's data from the viewer, or None."""
        rule = _BY_TYPE.get(object_type)
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

    def actor_name(self, entry: Any) -> str:
        rule = self.restriction_for(entry.object_type, entry.court_id)
        return withheld() if rule is not None and rule.actor else str(entry.actor_name)

    def _line(self, entry: Any) -> LineRule | None:
        """The rule's `line` hook's verdict on this line for the viewer (asked once per line)."""
        rule = _BY_TYPE.get(entry.object_type)
        if rule is None or rule.line is None:
            return None
        key = entry.pk if entry.pk is not None else id(entry)
        if key not in self._lines:
            self._lines[key] = rule.line(self.user, entry)
        return self._lines[key]

    def _withheld(self, entry: Any) -> tuple[Restriction | None, frozenset[str]]:
        """The area's rule that withholds the line from the viewer (None: they read it),
        and the data fields withheld on it."""
        rule = self.restriction_for(entry.object_type, entry.court_id)
        line = self._line(entry)
        if line is not None and line.reader:
            rule = None
        fields = rule.fields if rule is not None else frozenset()
        if line is not None and line.fields:
            fields = ALL if ALL in (fields, line.fields) else fields | line.fields
        return rule, fields

    def data(self, entry: Any) -> Any:
        _rule, fields = self._withheld(entry)
        return redact(entry.data, fields) if fields else entry.data

    def shown(self, entry: Any) -> Any:
        """The entry as the viewer may see it (an unsaved copy when anything is withheld;
        audit entries cannot be saved again anyway)."""
        rule, fields = self._withheld(entry)
        if rule is None and not fields:
            return entry
        copy = shallow_copy(entry)
        if fields:
            copy.data = redact(entry.data, fields)
        if rule is not None:
            copy.object_repr = withheld()
            if rule.actor:
                copy.actor_name = withheld()
                copy.actor_id = None
        return copy

    def _lines_q(self, applies: Callable[[Restriction], bool]) -> Q | None:
        """The lines of the rules for which `applies` holds whose court the viewer does
        not read, or None when there are none."""
        lines = Q()
        any_rule = False
        for rule in restrictions():
            if not applies(rule):
                continue
            courts = self._readable(rule)
            if courts == EVERY_COURT:
                continue
            any_rule = True
            types = Q(object_type__in=rule.object_types)
            lines |= types & ~Q(court_id__in=courts) if courts else types
        return lines if any_rule else None

    def withheld_q(self) -> Q | None:
        """The lines whose object column the viewer may not search, or None (none)."""
        return self._lines_q(lambda rule: True)

    def hidden_q(self) -> Q | None:
        """The lines not listed to the viewer at all (`Restriction.hidden`), or None."""
        return self._lines_q(lambda rule: rule.hidden)

    def actor_withheld_q(self) -> Q | None:
        """The lines whose actor the viewer may not see (nor search), or None (none)."""
        return self._lines_q(lambda rule: rule.actor)


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
