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
  Each kind of key is looked up on its own, the exact name first, so a common pinyin
  never crowds an exact name out of the capped rows; a longer given name (张伟 →
  张伟明) comes last, as a weak candidate (40–55).
- whether a person has an ACTIVE entry comes with the document and phone look-ups
  (an EXISTS subquery, so an ID check is one query) and otherwise from one more query
  over the ranked persons.
- several kinds of evidence for one person add 5 each, capped at 100.

`screen()` is the gate's look-up (issue 9): only persons with an ACTIVE entry, every
one of them, each graded hold / check / pass by `grade()` — the rule tabled in
docs/architecture.md ("Security gate (A12)").

It is not scoped by user: the callers (the pages, the API, the gate) check who may
see what.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet, Value
from django.utils import timezone
from rapidfuzz import fuzz

from benchguard.core.crypto import blind_index, blind_index_candidates
from benchguard.core.documents import DocumentType, normalize_document
from benchguard.core.prepared import PreparedRead
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


def document_indexes(kinds: list[str], normalised: str) -> list[str]:
    """What a look-up of the number tries: each kind, under the current blind-index key
    and, while a key rotation runs, the previous one (core.crypto)."""
    return [i for kind in kinds for i in blind_index_candidates(normalised, purpose=f"poc-document-{kind}")]


def phone_indexes(normalised: str) -> list[str]:
    return blind_index_candidates(normalised, purpose="poc-phone")


def _active_entry(today: dt.date) -> Exists:
    return Exists(ControlledListEntry.objects.active_on(today).filter(person_id=OuterRef("person_id")))


def _documents(today: dt.date, **indexes: str) -> QuerySet[Any, tuple[Any, ...]]:
    """The persons holding a document with one of these blind indexes, and whether
    each has an ACTIVE entry (one indexed query)."""
    return (
        IdentityDocument.objects.filter(number_index__in=list(indexes.values()))
        .annotate(controlled=_active_entry(today))
        .values_list("person_id", "controlled")
    )


# The exact document look-up is the matcher's hottest read (every ID check at the gate's
# API, every ID search): compiled once, it costs about what its SQL costs (issue 11).
_DOCUMENT_LOOKUP = {
    count: PreparedRead(
        _documents, today=dt.date(2000, 1, 1), **{f"index_{i}": f"sample-{i}" for i in range(count)}
    )
    # One kind or every kind; twice as many while a key rotation runs.
    for count in (1, 2, len(DocumentType.values), 2 * len(DocumentType.values))
}


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
        indexes = {f"index_{i}": index for i, index in enumerate(document_indexes(kinds, number))}
        for person_id, controlled in _DOCUMENT_LOOKUP[len(indexes)].rows(today=today, **indexes):
            add(person_id, 100, "document", "document")
            known[person_id] = controlled

    digits = normalize_phone(phone) if phone else ""
    if digits:
        phones = (
            PhoneNumber.objects.filter(number_index__in=phone_indexes(digits))
            .annotate(controlled=_active_entry(today))
            .values_list("person_id", "controlled")
        )
        for person_id, controlled in phones:
            add(person_id, 90, "phone", "phone")
            known[person_id] = controlled

    query = names.simplify(name) if name else ""
    if query:
        # Initials only for typed latin letters ("zw"): from characters they would
        # bring in every 张伟/赵文/周薇 of the city.
        keys = [k for k in names.keys_for(name) if not k.startswith("i:")]
        if names.is_latin(query):
            keys.append(f"i:{query}")
        # One look-up per kind of key, the strongest first, so a common pinyin never
        # crowds an exact name out of the capped rows (issue 9).
        left = CANDIDATE_CAP
        for prefix in ("s:", "p:", "i:"):
            wanted = [k for k in keys if k.startswith(prefix)]
            if not wanted or left <= 0:
                continue
            rows = list(
                NameKey.objects.filter(key__in=wanted)
                .values_list("person_id", "key", "name__simplified", "name__kind")
                .order_by("key", "person_id")[:left]
            )
            left -= len(rows)
            for person_id, key, simplified, kind in rows:
                similarity = fuzz.ratio(query, simplified) / 100
                if key.startswith("s:"):
                    add(person_id, 85 if kind == "primary" else 80, f"name:{kind}", "name")
                elif key.startswith("p:"):
                    add(person_id, 60 + 20 * similarity, "pinyin", "name")
                else:
                    add(person_id, 40 + 20 * similarity, "initials", "name")
        if left > 0 and len(query) >= 2 and not names.is_latin(query):
            # A longer given name (张伟 → 张伟明): a weak candidate, below every exact
            # name and homophone. A key range (index-friendly; Han characters sort by
            # code point) narrowed by the prefix itself.
            upper = f"s:{query[:-1]}{chr(ord(query[-1]) + 1)}"
            longer = list(
                NameKey.objects.filter(key__gt=f"s:{query}", key__lt=upper, key__startswith=f"s:{query}")
                .values_list("person_id", "name__simplified")
                .order_by("key", "person_id")[:left]
            )
            for person_id, simplified in longer:
                add(person_id, 40 + 15 * fuzz.ratio(query, simplified) / 100, "name:longer", "name")

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


# --- Screening at the gate (issue 9) ------------------------------------------------------------

HOLD, CHECK, PASS = "hold", "check", "pass"
_RANK = {HOLD: 2, CHECK: 1, PASS: 0}

EXACT, HOMOPHONE, NO_NAME = "exact", "homophone", "none"
# Documents whose number a person keeps for life: another number on file is another
# person. Passports and travel permits are renewed with new numbers.
PERMANENT_DOCUMENTS = frozenset({DocumentType.RESIDENT_ID})


@dataclass(frozen=True)
class Evidence:
    """What links a visitor to one person with an ACTIVE list entry.

    - `document`: the visitor's document number is one of the person's (same type);
    - `phone`: the visitor's phone is one of the person's;
    - `name`: ``exact`` (the same simplified name, alias or former name — traditional
      characters included), ``homophone`` (the same pinyin: 善/单, 增/曾, 谢/解, 玮/伟)
      or ``none``;
    - `document_on_file`: the person has a document of the visitor's type on file (and,
      unless `document` is true, it is another number);
    - `permanent`: the visitor's type of document keeps its number for life (the
      resident ID). A passport's or a travel permit's number changes on renewal, so
      another number on file tells nothing: the listed person may carry a new one."""

    document: bool = False
    phone: bool = False
    name: str = NO_NAME
    document_on_file: bool = False
    permanent: bool = True


def grade(evidence: Evidence) -> str:
    """The screening rule, one line per row of the table in docs/architecture.md
    ("Security gate (A12)"): the document number is the strongest evidence; a name
    against a person whose document of that type is on file and differs is weak; a
    name with nothing to tell the two apart needs the judicial police."""
    if evidence.document or evidence.phone:
        return HOLD
    told_apart = evidence.document_on_file and evidence.permanent
    if evidence.name == EXACT:
        if told_apart:
            return PASS
        return CHECK if evidence.document_on_file else HOLD  # a renewed passport: a look
    if evidence.name == HOMOPHONE:
        return PASS if told_apart else CHECK
    return PASS


def worst(outcomes: list[str]) -> str:
    """The visit's outcome: the most serious of its candidates'."""
    return max(outcomes, key=_RANK.__getitem__, default=PASS)


@dataclass
class Candidate:
    person_id: int
    evidence: Evidence
    outcome: str
    score: int
    reasons: list[str]


def screen(
    *,
    name: str = "",
    document_kind: str | None = None,
    document_number: str = "",
    phone: str = "",
    today: dt.date | None = None,
) -> list[Candidate]:
    """Every person with an ACTIVE list entry the visitor may be, graded (`grade`),
    the most serious first. Candidates are restricted to listed persons inside each
    query (an EXISTS on the active entries), never by cutting a ranked top-N first, so
    no number of unlisted namesakes hides a listed one. One query, a UNION ALL of
    indexed look-ups."""
    today = today or timezone.localdate()
    active = _active_entry(today)
    documents: set[int] = set()
    phones: set[int] = set()
    by_name: dict[int, str] = {}
    on_file: set[int] = set()
    reasons: dict[int, list[str]] = {}

    def reason(person_id: int, why: str) -> None:
        found = reasons.setdefault(person_id, [])
        if why not in found:
            found.append(why)

    # Each look-up is restricted to listed persons inside its query; all of them go to
    # the database as one UNION ALL, so a check-in pays one round trip for screening.
    # Rows: (person, what matched, the name's kind, a document of the visitor's type on file).
    lookups: list[QuerySet[Any, tuple[Any, ...]]] = []
    number = normalize_document(document_number)
    if number:
        kinds = [document_kind] if document_kind else list(DocumentType.values)
        documents_matched = IdentityDocument.objects.filter(number_index__in=document_indexes(kinds, number))
        lookups.append(_screen_rows(documents_matched, active, "document", Value(True)))
    digits = normalize_phone(phone)
    if digits:
        phones_matched = PhoneNumber.objects.filter(number_index__in=phone_indexes(digits))
        lookups.append(_screen_rows(phones_matched, active, "phone", Value(False)))
    query = names.simplify(name)
    if query:
        keys = [k for k in names.keys_for(name) if k[:2] in ("s:", "p:")]
        has_document = (
            Exists(IdentityDocument.objects.filter(person_id=OuterRef("person_id"), kind=document_kind))
            if document_kind
            else Value(False)
        )
        lookups.append(_screen_rows(NameKey.objects.filter(key__in=keys), active, F("key"), has_document))
    if not lookups:
        return []
    rows = lookups[0].union(*lookups[1:], all=True) if len(lookups) > 1 else lookups[0]
    # p: before s: for each person, so an exact name wins over a homophone.
    for person_id, matched, name_kind, document_of_kind in sorted(rows, key=lambda r: (r[0], r[1])):
        if matched == "document":
            documents.add(person_id)
            reason(person_id, "document")
        elif matched == "phone":
            phones.add(person_id)
            reason(person_id, "phone")
        else:
            if document_of_kind:
                on_file.add(person_id)
            if matched.startswith("s:"):
                by_name[person_id] = EXACT
                reason(person_id, f"name:{name_kind}")
            elif by_name.get(person_id) != EXACT:
                by_name[person_id] = HOMOPHONE
                reason(person_id, "pinyin")
    candidates = []
    for person_id in sorted(documents | phones | set(by_name)):
        evidence = Evidence(
            document=person_id in documents,
            phone=person_id in phones,
            name=by_name.get(person_id, NO_NAME),
            document_on_file=person_id in documents or person_id in on_file,
            permanent=document_kind in PERMANENT_DOCUMENTS,
        )
        candidates.append(
            Candidate(
                person_id=person_id,
                evidence=evidence,
                outcome=grade(evidence),
                score=_score(evidence),
                reasons=reasons[person_id],
            )
        )
    return sorted(candidates, key=lambda c: (-_RANK[c.outcome], -c.score, c.person_id))


def _screen_rows(
    rows: QuerySet[Any], active: Exists, matched: str | F, document_of_kind: Exists | Value
) -> QuerySet[Any, tuple[Any, ...]]:
    """One arm of the screening's UNION ALL: the listed persons among `rows`."""
    name_kind = F("name__kind") if isinstance(matched, F) else Value("")
    return (
        rows.filter(active)
        .annotate(
            matched=matched if isinstance(matched, F) else Value(matched),
            name_kind=name_kind,
            document_of_kind=document_of_kind,
        )
        .values_list("person_id", "matched", "name_kind", "document_of_kind")
        .order_by()
    )


def _score(evidence: Evidence) -> int:
    """For ordering and display only; the outcome comes from `grade`."""
    base = 100 if evidence.document else 90 if evidence.phone else 0
    if evidence.name == EXACT:
        base = max(base, 85)
    elif evidence.name == HOMOPHONE:
        base = max(base, 70)
    kinds = sum([evidence.document, evidence.phone, evidence.name != NO_NAME])
    return min(100, base + 5 * (kinds - 1)) if kinds else 0


def is_controlled(
    *,
    name: str = "",
    document_kind: str | None = None,
    document_number: str = "",
    phone: str = "",
    today: dt.date | None = None,
) -> bool:
    """For the gate's hardware: does the visitor need the judicial police (hold or
    check) — every listed candidate considered, whatever the number of namesakes."""
    return any(
        c.outcome != PASS
        for c in screen(
            name=name, document_kind=document_kind, document_number=document_number, phone=phone, today=today
        )
    )
