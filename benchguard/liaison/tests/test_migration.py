"""The incident register's requests to the police move into the liaison register
(migrations liaison 0003, incidents 0007), run with Django's migration executor: back to
the schema before the move, rows written there as the old code wrote them, then forward.
Nothing is lost, and the way back restores what the old model can hold."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from benchguard.liaison.choices import AgencyKind, RequestStatus
from benchguard.liaison.models import Agency, LiaisonRequest

BEFORE = [("liaison", "0002_liaison_request"), ("incidents", "0006_incident_court_recent")]

pytestmark = [pytest.mark.django_db(transaction=True)]


def _migrate(targets: list[tuple[str, str]] | None = None) -> Any:
    """Migrate to `targets` (None: the latest) and return the apps as they are there."""
    executor = MigrationExecutor(connection)
    nodes = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(nodes)
    return MigrationExecutor(connection).loader.project_state(nodes).apps


@pytest.fixture
def before_the_move() -> Iterator[Any]:
    """The historical apps before the move; the schema is brought forward again after
    the test, whatever happens in it (a transactional test leaves no rows behind)."""
    from benchguard.organization.demo import load_demo

    if not Agency.objects.filter(name="青岛市公安局").exists():
        load_demo()  # an earlier transactional test emptied the database
    try:
        yield _migrate(BEFORE)
    finally:
        _migrate()


def test_every_police_request_becomes_a_request_of_the_register(before_the_move: Any) -> None:
    apps = before_the_move
    PoliceRequest = apps.get_model("incidents", "PoliceRequest")
    Incident = apps.get_model("incidents", "Incident")
    Account = apps.get_model("organization", "Account")
    # The way back kept the demo's two requests to the police about its incidents.
    demo = {r.reference: r for r in PoliceRequest.objects.all()}
    assert set(demo) == {"青中法警函〔2026〕15号", "青中法警函〔2026〕18号"}
    assert demo["青中法警函〔2026〕15号"].response.startswith("已对当事人进行训诫")
    threat = Incident.objects.get(pk=demo["青中法警函〔2026〕15号"].incident_id)
    police = Account.objects.get(username="police")
    written = timezone.now() - dt.timedelta(days=40)
    today = timezone.localdate()
    old = [
        PoliceRequest.objects.create(
            incident=threat, police_unit="青岛市公安局崂山分局", sent_on=today - dt.timedelta(days=9),
            reference="旧函1", request_text="请加强巡逻。", response="已安排巡逻。",
            response_on=today - dt.timedelta(days=8), follow_up="回访。", sent_by=police, version=2,
            created_at=written, updated_at=written + dt.timedelta(days=1),
        ),
        PoliceRequest.objects.create(
            incident=threat, police_unit=" 青岛市公安局崂山分局 ", sent_on=today - dt.timedelta(days=3),
            request_text="请调取监控。", sent_by=police, created_at=written, updated_at=written,
        ),
        PoliceRequest.objects.create(
            incident=threat, police_unit="青岛市公安局", sent_on=today, request_text="请出警。",
            sent_by=police,
        ),
    ]  # fmt: skip
    before = PoliceRequest.objects.count()

    _migrate()

    assert LiaisonRequest.objects.filter(former_police_request__isnull=False).count() == before
    laoshan = Agency.objects.get(court_id=threat.court_id, name="青岛市公安局崂山分局")
    assert laoshan.kind == AgencyKind.PUBLIC_SECURITY  # added once for both of its requests
    answered = LiaisonRequest.objects.get(former_police_request=old[0].pk)
    assert (answered.agency, answered.status, answered.answer, answered.answered_on) == (
        laoshan, RequestStatus.ANSWERED, "已安排巡逻。", today - dt.timedelta(days=8),
    )  # fmt: skip
    assert (answered.request_text, answered.reference, answered.follow_up) == (
        "请加强巡逻。",
        "旧函1",
        "回访。",
    )
    assert (answered.version, answered.created_at, answered.updated_at) == (
        2,
        written,
        written + dt.timedelta(days=1),
    )
    assert answered.incident_id == threat.pk and answered.court_id == threat.court_id
    assert answered.sent_by_id == police.pk and answered.judge_id is not None  # the threatened judge
    waiting = LiaisonRequest.objects.get(former_police_request=old[1].pk)
    assert (waiting.agency, waiting.status, waiting.answered_on, waiting.answer_by) == (
        laoshan, RequestStatus.SENT, None, None,
    )  # fmt: skip
    existing = LiaisonRequest.objects.get(former_police_request=old[2].pk)
    assert existing.agency.name == "青岛市公安局" and existing.agency.contacts.exists()  # the directory's own
    # The demo's requests came back as they were (a round trip through the old model).
    again = LiaisonRequest.objects.get(reference="青中法警函〔2026〕15号")
    assert again.status == RequestStatus.ANSWERED and again.follow_up == "两周后回访法官。"
    assert again.former_police_request == demo["青中法警函〔2026〕15号"].pk
