"""The gate knows flagged cases (issue 12 part 4; A14, A16): when a visitor is a party of
a case of the gate's court at a level that needs a plan — by identity document exactly,
or by name alone as a candidate when the party's document is not recorded — the case
judge and the judicial police on duty are told at once (the officer on duty first, every
officer when nobody acknowledges in time: duty.services.alert_on_duty). It is not a hold (only the controlled
list holds a visitor, services.check_in): the guard gets an instruction, never the case.

A party recorded with another document is somebody else with the same name and is not
matched, as the controlled list's screening tells namesakes apart."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from benchguard.cases.choices import PartyKind, Stage
from benchguard.cases.models import PARTY_DOCUMENT_PURPOSE, Party
from benchguard.core import audit
from benchguard.core.crypto import blind_index_candidates
from benchguard.core.types import Actor
from benchguard.duty import services as duty
from benchguard.gate.models import PartyArrival, Visit
from benchguard.notifications.services import localized, notify

ARRIVED = gettext_lazy("A party of flagged case %(number)s (%(level)s) has arrived at %(post)s at %(time)s")
ARRIVED_FOR_POLICE = gettext_lazy(
    "A party of a flagged case (%(level)s) has arrived at %(post)s at %(time)s: see the visitor"
)
# By name alone the visitor may be a namesake: said as a candidate, never as an arrival.
MAY_HAVE_ARRIVED = gettext_lazy(
    "A visitor at %(post)s at %(time)s may be a party of flagged case %(number)s (%(level)s): "
    "same name, no document to compare"
)
MAY_HAVE_ARRIVED_FOR_POLICE = gettext_lazy(
    "A visitor at %(post)s at %(time)s may be a party of a flagged case (%(level)s): same name only; "
    "see the visitor"
)


def flagged_parties(
    court_id: int, *, name: str, document_kind: str, normalised: str
) -> list[tuple[Party, str]]:
    """The parties of the court's open cases at a level that needs a plan whom the
    visitor is (their document) or may be (their name, no document recorded)."""
    # The current key's index and, while a key rotation runs, the previous key's.
    indexes = blind_index_candidates(
        normalised, purpose=PARTY_DOCUMENT_PURPOSE.format(document_kind=document_kind)
    )
    match = Q(kind=PartyKind.PERSON, name=name.strip(), document_index="")
    if normalised:
        match |= Q(document_index__in=indexes)
    parties = (
        Party.objects.filter(
            match, case__court_id=court_id, case__risk_level__needs_plan=True, removed_at__isnull=True
        )
        .exclude(case__stage=Stage.CLOSED)
        .select_related("case__risk_level", "case__judge__account")
        .order_by("case_id", "id")
    )
    return [
        (
            party,
            PartyArrival.MatchedBy.DOCUMENT
            if normalised and party.document_index in indexes
            else PartyArrival.MatchedBy.NAME,
        )
        for party in parties
    ]


def note_flagged_parties(
    visit: Visit, *, actor: Actor, name: str, document_kind: str, normalised: str, now: dt.datetime
) -> list[PartyArrival]:
    """Record and tell the arrival of a flagged case's party (in check-in's transaction)."""
    found = flagged_parties(visit.court_id, name=name, document_kind=document_kind, normalised=normalised)
    if not found:
        return []
    arrivals = PartyArrival.objects.bulk_create(
        [
            PartyArrival(visit=visit, case=party.case, party=party, matched_by=matched, created_at=now)
            for party, matched in found
        ]
    )
    at = timezone.localtime(now).strftime("%H:%M")
    first: dict[int, PartyArrival] = {}
    for arrival in arrivals:  # the case's strongest match: by document before by name
        known = first.get(arrival.case_id)
        if known is None or (
            known.matched_by == PartyArrival.MatchedBy.NAME
            and arrival.matched_by == PartyArrival.MatchedBy.DOCUMENT
        ):
            first[arrival.case_id] = arrival
    for arrival in first.values():
        case = arrival.case
        by_name = arrival.matched_by == PartyArrival.MatchedBy.NAME
        # The level itself, rendered in each recipient's language.
        values = {"level": case.risk_level or "", "post": visit.post.name, "time": at}
        # Keys name the arrival, never the visit and the case together (the audit trail
        # of duty alerts has other readers).
        judge = case.judge.account if case.judge is not None and case.judge.account_id else None
        if judge is not None and judge.is_active:
            notify(
                recipients=[judge],
                kind="gate.flagged_party",
                title=localized(MAY_HAVE_ARRIVED if by_name else ARRIVED, number=case.number, **values),
                url=f"/cases/{case.pk}/",
                dedupe_key=f"gate.flagged:{arrival.pk}:judge",
                court=visit.post.court,
                email=False,  # the case and its risk stay inside BenchGuard
                new_occasion=True,
            )
        # The officer on duty first, every officer if nobody acknowledges (duty roster).
        duty.alert_on_duty(
            court=visit.post.court,
            kind="gate.flagged_party",
            title=localized(MAY_HAVE_ARRIVED_FOR_POLICE if by_name else ARRIVED_FOR_POLICE, **values),
            url=reverse("gate:visit_detail", args=[visit.pk]),
            occasion=f"gate.flagged:{arrival.pk}",
            actor=actor,
        )
    audit.record_event(actor=actor, action="gate.visit.flagged_party", obj=visit, cases=len(arrivals))
    return arrivals
