"""`benchguard rotate-keys` (issue 16, part 5): the demo's encrypted fields and blind
indexes, written under key A, are rotated to key B; afterwards everything reads with B
alone and the blind-index look-ups still find people. A run stopped midway continues
where it stopped; a wrong previous key stops the run before it writes anything."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from benchguard.core.crypto import BlindIndexField
from benchguard.core.keyrotation import fingerprint, targets
from benchguard.core.models import AuditEntry, KeyRotationProgress

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_english() -> Iterator[None]:
    """The commands speak the active language (Chinese by default); these tests read
    their English."""
    with translation.override("en"):
        yield


KEY_B = Fernet.generate_key().decode()
BLIND_B = "blind-index-key-B-for-the-rotation-test"


def plaintexts() -> dict[str, dict[Any, tuple[Any, ...]]]:
    """Every encrypted value and blind index, read through the ORM (decrypted)."""
    found = {}
    for target in targets():
        names = [*target.encrypted, *(f.attname for f in target.indexes)]
        found[target.label] = {
            row["pk"]: tuple(row[n] for n in names) for row in target.model._base_manager.values("pk", *names)
        }
    return found


def stored(model: Any, column: str) -> dict[Any, str]:
    """A column as the database holds it (ciphertext for an encrypted field), by pk."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(model._meta.pk.column)}, {quote(column)} FROM {quote(model._meta.db_table)}"  # noqa: S608
        )
        return dict(cursor.fetchall())


def test_every_encrypted_field_and_blind_index_is_found() -> None:
    found = {t.label: (set(t.encrypted), {f.name for f in t.indexes}) for t in targets()}
    assert found == {
        "cases.CaseImport": ({"content"}, set()),
        "cases.Party": ({"document_number"}, {"document_index"}),
        "gate.IdDeposit": (set(), {"document_index"}),
        "gate.PassageEntry": ({"credential_number"}, set()),
        "gate.Visit": ({"document_number", "phone"}, {"document_index"}),
        "interference.Entry": ({"person_contact"}, set()),
        "organization.PersonPrivate": ({"home_address", "private_phone", "id_number"}, {"id_number_index"}),
        "organization.Relative": ({"relation", "name", "phone", "id_number", "address"}, set()),
        "persons_of_concern.IdentityDocument": ({"number"}, {"number_index"}),
        "persons_of_concern.PhoneNumber": ({"number"}, {"number_index"}),
        "wellbeing.CounsellingSession": ({"notes"}, set()),
    }


def test_rotation_to_new_keys_resumes_after_a_stop_and_leaves_everything_readable_with_the_new_keys_alone(
    settings: Any,
) -> None:
    from benchguard.interference.models import Entry
    from benchguard.organization.models import PersonPrivate
    from benchguard.organization.services import find_person_by_id_number
    from benchguard.persons_of_concern.matching import match
    from benchguard.persons_of_concern.models import IdentityDocument, PhoneNumber

    key_a, blind_a = settings.FIELD_ENCRYPTION_KEYS[0], settings.BLIND_INDEX_KEY
    before = plaintexts()
    entry = Entry.objects.exclude(person_contact="").order_by("pk").first()
    private = PersonPrivate.objects.exclude(id_number="").order_by("pk").first()
    document = IdentityDocument.objects.order_by("pk").first()
    phone = PhoneNumber.objects.order_by("pk").first()
    assert entry and private and document and phone, "the demo holds each kind of encrypted value"
    ciphertext_before = stored(PersonPrivate, "id_number")

    # During the rotation: B first, A still readable; B's blind key, A's as the previous.
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, key_a]
    settings.BLIND_INDEX_KEY = BLIND_B
    settings.BLIND_INDEX_KEY_PREVIOUS = blind_a

    out = io.StringIO()
    call_command("rotate_keys", "--batch-size", "3", "--max-batches", "2", stdout=out)
    assert "paused" in out.getvalue()
    total = {label: len(rows) for label, rows in before.items()}
    # Two batches of three rows, model after model (in label order): what they cover.
    stopped_after, batches = 0, 2
    for label in sorted(total):
        used = min(batches, -(-total[label] // 3))
        stopped_after += min(total[label], 3 * used)
        batches -= used
        if not batches:
            break
    progress = list(KeyRotationProgress.objects.filter(rotation=fingerprint()))
    assert 0 < stopped_after <= 6 and sum(p.rows for p in progress) == stopped_after
    assert not all(p.finished_at for p in progress) and len(progress) < len(total)
    # Half-way, look-ups find rows under either key.
    assert find_person_by_id_number(private.id_number) == private.person
    assert any(m.person_id == document.person_id for m in match(document_number=document.number))
    assert any(m.person_id == phone.person_id for m in match(phone=phone.number))

    out = io.StringIO()
    call_command("rotate_keys", "--batch-size", "50", stdout=out)
    assert "finished" in out.getvalue()
    assert {p.model: p.rows for p in KeyRotationProgress.objects.filter(rotation=fingerprint())} == total
    # The stopped run's rows were not done twice.
    start, pause, start_again, finish = AuditEntry.objects.filter(
        action__startswith="core.keys.rotate"
    ).order_by("pk")
    assert (start.action, pause.action, start_again.action, finish.action) == (
        "core.keys.rotate.start",
        "core.keys.rotate.pause",
        "core.keys.rotate.start",
        "core.keys.rotate.finish",
    )
    assert sum(pause.data["rows"].values()) == stopped_after
    assert sum(finish.data["rows"].values()) == sum(total.values()) - stopped_after
    for line in (start, pause, finish):
        text = json.dumps(line.data)
        assert KEY_B not in text and key_a not in text and BLIND_B not in text and blind_a not in text

    # After: B alone.
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    settings.BLIND_INDEX_KEY_PREVIOUS = ""
    after = plaintexts()
    for target in targets():
        width = len(target.encrypted)
        for pk, values in before[target.label].items():
            assert after[target.label][pk][:width] == values[:width], (target.label, pk)
        # Every index is now its source's index under B.
        for row in target.model._base_manager.all():
            for index in target.indexes:
                assert getattr(row, index.attname) == index.index_for(row), (target.label, row.pk)
    assert stored(PersonPrivate, "id_number")[private.pk] != ciphertext_before[private.pk]
    assert Entry.objects.get(pk=entry.pk).person_contact == entry.person_contact
    assert find_person_by_id_number(private.id_number) == private.person
    assert any(m.person_id == document.person_id for m in match(document_number=document.number))
    assert any(m.person_id == phone.person_id for m in match(phone=phone.number))
    # The register stays guarded against change.
    from django.db import DatabaseError, transaction

    with pytest.raises(DatabaseError, match="the interference register is permanent"), transaction.atomic():
        Entry._base_manager.filter(pk=entry.pk).update(person_name="changed")

    # Run again: nothing left to do.
    out = io.StringIO()
    call_command("rotate_keys", stdout=out)
    assert "finished" in out.getvalue()


def test_a_wrong_previous_blind_key_stops_the_rotation_before_it_writes(settings: Any) -> None:
    key_a = settings.FIELD_ENCRYPTION_KEYS[0]
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, key_a]
    settings.BLIND_INDEX_KEY = BLIND_B
    settings.BLIND_INDEX_KEY_PREVIOUS = "not-the-key-in-use"
    first = next(t for t in targets() if t.indexes)
    before = stored(first.model, first.indexes[0].column)
    with pytest.raises(CommandError, match=r"not the blind index of its .* under BLIND_INDEX_KEY_PREVIOUS"):
        call_command("rotate_keys", stdout=io.StringIO())
    assert stored(first.model, first.indexes[0].column) == before
    stop = AuditEntry.objects.filter(action="core.keys.rotate.stop").get()
    assert stop.data["model"] == first.label


def test_a_blind_index_field_is_a_plain_charfield_to_migrations() -> None:
    field = BlindIndexField("x", source="number", purpose="p-{kind}")
    _name, path, _args, kwargs = field.deconstruct()
    assert path == "django.db.models.CharField" and kwargs["max_length"] == 64
    assert field.clone().purpose == "p-{kind}"


def test_a_run_stopped_by_a_bad_row_keeps_its_finished_batches_and_the_next_run_continues_from_there(
    settings: Any,
) -> None:
    from benchguard.organization.models import PersonPrivate

    key_a, blind_a = settings.FIELD_ENCRYPTION_KEYS[0], settings.BLIND_INDEX_KEY
    rows = list(PersonPrivate.objects.order_by("pk"))
    assert len(rows) >= 4, "the demo records several people's private details"
    bad = rows[3]
    good_index = bad.id_number_index
    PersonPrivate.objects.filter(pk=bad.pk).update(id_number_index="0" * 64)
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, key_a]
    settings.BLIND_INDEX_KEY = BLIND_B
    settings.BLIND_INDEX_KEY_PREVIOUS = blind_a

    with pytest.raises(
        CommandError, match=rf"organization.PersonPrivate #{bad.pk}: the stored id_number_index"
    ):
        call_command("rotate_keys", "--batch-size", "2", stdout=io.StringIO())
    progress = KeyRotationProgress.objects.get(rotation=fingerprint(), model="organization.PersonPrivate")
    # The batch before the bad row's was kept; the bad row's batch (rows 3 and 4) was not written.
    assert (progress.rows, progress.last_pk, progress.finished_at) == (2, rows[1].pk, None)
    indexes = stored(PersonPrivate, "id_number_index")
    assert indexes[rows[1].pk] != rows[1].id_number_index
    assert indexes[rows[2].pk] == rows[2].id_number_index and indexes[bad.pk] == "0" * 64

    PersonPrivate.objects.filter(pk=bad.pk).update(id_number_index=good_index)
    call_command("rotate_keys", "--batch-size", "2", stdout=(out := io.StringIO()))
    assert "finished" in out.getvalue()
    progress.refresh_from_db()
    assert progress.rows == len(rows) and progress.finished_at is not None
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    settings.BLIND_INDEX_KEY_PREVIOUS = ""
    field = PersonPrivate._meta.get_field("id_number_index")
    assert isinstance(field, BlindIndexField)
    for private in PersonPrivate.objects.all():
        assert private.id_number_index == field.index_for(private)
