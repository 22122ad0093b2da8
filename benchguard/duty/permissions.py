"""Who keeps and reads the duty roster, and who acknowledges a duty alert (A13.4).

- Keep (add, edit, remove shifts): the court's judicial police — the detachment
  arranges its own duty — and the court's leaders (court leader, president), who
  answer for the duty leader's rota.
- Read (the week's roster, who is on duty now): the keepers and the gatehouse guards,
  who call whoever is on duty. Nobody else; the city administrator neither.
- Acknowledge an alert: only someone it was sent to.
- On the roster as the officer on duty: a judicial police officer of the court; as the
  duty leader: a judicial police officer or a court leader of the court."""

from __future__ import annotations

from typing import Any

from benchguard.core.access import court_ids_with, has_role
from benchguard.duty.choices import DutyRole
from benchguard.organization.choices import Role

KEEPERS = frozenset({Role.JUDICIAL_POLICE, Role.COURT_LEADER, Role.COURT_PRESIDENT})
READERS = KEEPERS | {Role.GATEHOUSE_GUARD}
LEADER_ROLES = (Role.COURT_LEADER, Role.COURT_PRESIDENT)
# Who may stand each duty (the role their account holds in the court).
ELIGIBLE: dict[str, tuple[str, ...]] = {
    DutyRole.POLICE: (Role.JUDICIAL_POLICE,),
    DutyRole.LEADER: (Role.JUDICIAL_POLICE, *LEADER_ROLES),
}


def reader_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, READERS)


def keeper_court_ids(user: Any) -> set[int]:
    return court_ids_with(user, KEEPERS)


def can_read(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *READERS, court_id=court_id)


def can_keep(user: Any, court_id: int | None = None) -> bool:
    return has_role(user, *KEEPERS, court_id=court_id)


def can_edit_shift(user: Any, shift: Any) -> bool:
    return can_keep(user, shift.court_id)


def can_stand(account: Any, role: str, court_id: int) -> bool:
    """May this account be put on duty in that role in the court?"""
    return account is not None and account.is_active and has_role(account, *ELIGIBLE[role], court_id=court_id)


def can_acknowledge(user: Any, alert: Any) -> bool:
    """Someone the alert was sent to (at any stage)."""
    pk = getattr(user, "pk", None)
    return pk is not None and alert.recipients.filter(account_id=pk).exists()
