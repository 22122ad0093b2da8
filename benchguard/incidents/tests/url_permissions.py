"""Who may open the incident register's pages (the permission matrix).

- The register and the report form: anyone holding a role in a court; the outsider and
  the city admin (no court role) get 403.
- An incident of the intermediate court (the demo threat against judge 王立明): its
  court's judicial police, committee office and leaders (chair, vice-chair and leader
  are court leaders; the chair is president), and the judge who reported it and is
  its target; everyone else 404 — a judge of the same court, the gatehouse, a judge of
  another court. Editing it: the judicial police and the committee office; the others
  who see it get 403.
- The written decision on the demo's approved fine (钱某, in the demo courtroom disorder
  reported by judge 王立明): printed by those who record sanctions there (the judicial
  police, the committee office, the presiding judge) and the president (chair); the
  vice-chair and the leader see the incident but not the decision (403); everyone else
  404.
- Emergency plans: the court-wide roles and division chiefs; warning talks: the
  court-wide roles (who also read the city-wide list of persons of concern).
- After-hours protection (A12.3), under /incidents/protection/, is declared by its own
  app (benchguard/after_hours/tests/url_permissions.py).
"""

from __future__ import annotations

from typing import Any

from benchguard.persons_of_concern.tests.url_permissions import READERS as POC_READERS
from benchguard.persons_of_concern.tests.url_permissions import shan
from tests.matrix import ANON, LOGIN, SIGNED_IN, Expect, each

WITH_ROLE = SIGNED_IN - {"outsider", "cityadmin"}
COURT_WIDE = {"police", "office", "chair", "vicechair", "leader"}
SEES_THREAT = COURT_WIDE | {"judge"}
MANAGERS = {"police", "office"}
PLAN_READERS = COURT_WIDE | {"chief"}


def threat() -> dict[str, Any]:
    from benchguard.incidents.demo import FIRST_PLACE
    from benchguard.incidents.models import Incident

    return {"pk": Incident.objects.get(place=FIRST_PLACE).pk}


def threat_file() -> dict[str, Any]:
    from benchguard.incidents.demo import FIRST_PLACE
    from benchguard.incidents.models import IncidentAttachment

    return {"pk": IncidentAttachment.objects.get(incident__place=FIRST_PLACE).pk}


def approved_fine() -> dict[str, Any]:
    from benchguard.incidents.models import Sanction

    return {"pk": Sanction.objects.get(subject_name="钱某", measure="fine").pk}


def _first(model_name: str) -> Any:
    def kwargs() -> dict[str, Any]:
        from django.apps import apps

        model = apps.get_model("incidents", model_name)
        return {"pk": model.objects.order_by("pk").first().pk}

    return kwargs


def page(readers: set[str]) -> Expect:
    return Expect(403, {ANON: LOGIN, **each(readers, 200)})


def record(readers: set[str], kwargs: Any) -> Expect:
    return Expect(404, {ANON: LOGIN, **each(readers, 200)}, kwargs)


def post_only(kwargs: Any) -> Expect:
    return Expect(405, {ANON: LOGIN}, kwargs)


EXPECTED: dict[str, Expect] = {
    "incidents:incident_list": page(WITH_ROLE),
    "incidents:incident_export": page(COURT_WIDE),
    "incidents:report_choose": page(WITH_ROLE),
    "incidents:report": Expect(403, {ANON: LOGIN, **each(WITH_ROLE, 200)}, lambda: {"kind": "threat"}),
    "incidents:incident_detail": record(SEES_THREAT, threat),
    "incidents:incident_edit": Expect(
        404, {ANON: LOGIN, **each(SEES_THREAT, 403), **each(MANAGERS, 200)}, threat
    ),
    "incidents:set_targets": post_only(threat),
    "incidents:link_perpetrator": post_only(threat),
    "incidents:add_attachment": post_only(threat),
    "incidents:add_measure": post_only(threat),
    "incidents:refer": post_only(threat),
    "incidents:open_matter": post_only(threat),
    "incidents:close": post_only(threat),
    "incidents:reopen": post_only(threat),
    "incidents:add_sanction": post_only(threat),
    "incidents:chain_notify": post_only(threat),
    "incidents:add_reception": post_only(threat),
    "incidents:attachment_download": record(SEES_THREAT, threat_file),
    # The person page's list of incidents: whoever may open the person (the list's readers).
    "incidents:person_incidents": record(POC_READERS, lambda: {"person_pk": shan()["pk"]}),
    "incidents:update_measure": post_only(_first("ProtectiveMeasure")),
    "incidents:decide_sanction": post_only(_first("Sanction")),
    "incidents:sanction_decision": Expect(
        404,
        {ANON: LOGIN, **each(SEES_THREAT, 403), **each(MANAGERS | {"judge", "chair"}, 200)},
        approved_fine,
    ),
    "incidents:apply_for_reconsideration": post_only(approved_fine),
    "incidents:reconsideration_outcome": post_only(_first("Reconsideration")),
    "incidents:acknowledge": post_only(_first("ChainNotification")),
    "incidents:plan_list": page(PLAN_READERS),
    "incidents:plan_detail": record(PLAN_READERS, _first("EmergencyPlan")),
    "incidents:plan_download": record(PLAN_READERS, _first("EmergencyPlan")),
    "incidents:plan_activate": post_only(_first("EmergencyPlan")),
    "incidents:record_arrival": post_only(_first("ActivationCall")),
    "incidents:talk_list": page(COURT_WIDE),
    "incidents:talk_download": record(COURT_WIDE, _first("WarningTalk")),
}
