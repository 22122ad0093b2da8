"""The persons-of-concern matcher (A15), the one the security gate calls (issue 5).

`match()` finds candidates by indexed look-ups only, never by reading or decrypting the
whole table:

- document number: blind index of the normalised number (per document type, or of
  every type when the type is not given) → score 100;
- phone: blind index of the normalised number → 90;
- name: the query's keys (names.keys_for: simplified form, every pinyin reading,
  initials for latin input) looked up in NameKey. An exact simplified name scores 85
  (80 for an alias or former name); the same pinyin (homophone, traditional form of a
  multi-reading name) 60 + 20 × similarity; initials 40 + 20 × similarity, where
  similarity is rapidfuzz's ratio of the simplified forms.
- whether a person has an ACTIVE entry comes with the document and phone look-ups
  (an EXISTS subquery, so an ID check is one query) and otherwise from one more query
  over the ranked persons.
- several kinds of evidence for one person add 5 each, capped at 100.

It is not scoped by user: the callers (the pages, the API, the gate) check who may
see what; the gate shows only the yes/no of `is_controlled`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone
from rapidfuzz import fuzz

from benchguard.core.crypto import blind_index
from benchguard.core.documents import DocumentType, normalize_document
from benchguard.persons_of_concern import names
from benchguard.persons_of_concern.models import ControlledListEntry, IdentityDocument, NameKey, PhoneNumber

CANDIDATE_CAP = 200


@dataclass
class Match:
    person_id: int
    score: int
    reasons: list[str] = field(default_factory=list)
    controlled: bool = False


def document_index(kind: str, normalised: str) -> str:
    return blind_index(normalised, purpose=f"poc-document-{kind}")


def normalize_phone(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and len(digits) - len(prefix) >= 11:
            return digits[len(prefix) :]
    return digits


def phone_index(normalised: str) -> str:
    return blind_index(normalised, purpose="poc-phone")


def _active_entry(today: dt.date) -> Exists:
    return Exists(ControlledListEntry.objects.active_on(today).filter(person_id=OuterRef("person_id")))


def match(
    *,
    name: str = "",
    document_kind: str | None = None,
    document_number: str = "",
    phone: str = "",
    today: dt.date | None = None,
    limit: int = 10,
) -> list[Match]:
    today = today or timezone.localdate()
    found: dict[int, Match] = {}
    signals: dict[int, set[str]] = {}
    known: dict[int, bool] = {}  # controlled or not, when a look-up already told

    def add(person_id: int, score: float, reason: str, signal: str) -> None:
        m = found.setdefault(person_id, Match(person_id=person_id, score=0))
        m.score = max(m.score, round(score))
        if reason not in m.reasons:
            m.reasons.append(reason)
        signals.setdefault(person_id, set()).add(signal)

    number = normalize_document(document_number)
    if number:
        kinds = [document_kind] if document_kind else list(DocumentType.values)
        indexes = [document_index(k, number) for k in kinds]
        documents = (
            IdentityDocument.objects.filter(number_index__in=indexes)
            .annotate(controlled=_active_entry(today))
            .values_list("person_id", "controlled")
        )
        for person_id, controlled in documents:
            add(person_id, 100, "document", "document")
            known[person_id] = controlled

    digits = normalize_phone(phone)
    if digits:
        phones = (
            PhoneNumber.objects.filter(number_index=phone_index(digits))
            .annotate(controlled=_active_entry(today))
            .values_list("person_id", "controlled")
        )
        for person_id, controlled in phones:
            add(person_id, 90, "phone", "phone")
            known[person_id] = controlled

    query = names.simplify(name)
    if query:
        # Initials only for typed latin letters ("zw"): from characters they would
        # bring in every 张伟/赵文/周薇 of the city.
        keys = [k for k in names.keys_for(name) if not k.startswith("i:")]
        if names.is_latin(query):
            keys.append(f"i:{query}")
        rows = (
            NameKey.objects.filter(key__in=keys)
            .values_list("person_id", "key", "name__simplified", "name__kind")
            .order_by()[:CANDIDATE_CAP]
        )
        for person_id, key, simplified, kind in rows:
            similarity = fuzz.ratio(query, simplified) / 100
            if key.startswith("s:"):
                add(person_id, 85 if kind == "primary" else 80, f"name:{kind}", "name")
            elif key.startswith("p:"):
                add(person_id, 60 + 20 * similarity, "pinyin", "name")
            else:
                add(person_id, 40 + 20 * similarity, "initials", "name")

    for person_id, m in found.items():
        m.score = min(100, m.score + 5 * (len(signals[person_id]) - 1))
    ranked = sorted(found.values(), key=lambda m: (-m.score, m.person_id))[:limit]
    unknown = [m.person_id for m in ranked if m.person_id not in known]
    if unknown:
        active = set(
            ControlledListEntry.objects.active_on(today)
            .filter(person_id__in=unknown)
            .values_list("person_id", flat=True)
        )
        known.update({person_id: person_id in active for person_id in unknown})
    for m in ranked:
        m.controlled = known[m.person_id]
    return ranked


def is_controlled(
    *,
    name: str = "",
    document_kind: str | None = None,
    document_number: str = "",
    phone: str = "",
    today: dt.date | None = None,
    min_score: int = 60,
) -> bool:
    """For the gate: does anyone with an ACTIVE list entry match well enough to hold the visit?"""
    return any(
        m.controlled and m.score >= min_score
        for m in match(
            name=name,
            document_kind=document_kind,
            document_number=document_number,
            phone=phone,
            today=today,
            limit=20,
        )
    )
