"""/api/: every domain area's router registers here; schema and docs served locally."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from benchguard.alarm.api.views import AlarmViewSet
from benchguard.cases.api.views import CaseViewSet, RiskAlertViewSet
from benchguard.committee.api.views import MeetingViewSet, MembershipViewSet
from benchguard.duty.api.views import ShiftViewSet
from benchguard.equipment.api.views import DeviceViewSet, RecordingViewSet
from benchguard.gate.api.views import VisitViewSet
from benchguard.interference.api.views import EntryViewSet, PersonnelActionViewSet, QuarterReportViewSet
from benchguard.liaison.api.views import AgencyViewSet, LiaisonRequestViewSet
from benchguard.matters.api.views import MatterViewSet
from benchguard.notifications.api.views import NotificationViewSet
from benchguard.organization.api.views import CourtViewSet, PersonViewSet
from benchguard.persons_of_concern.api.views import MatchViewSet
from benchguard.privacy.api.views import ExposureCaseViewSet, TakedownNoticeViewSet
from benchguard.reputation.api.views import OpinionEventViewSet
from benchguard.welfare.api.views import (
    ApplicationViewSet,
    ClaimViewSet,
    CondolenceViewSet,
    FollowUpItemViewSet,
    FollowUpViewSet,
    FundViewSet,
)
from benchguard.wellbeing.api.views import (
    ActivityViewSet,
    CounsellingSessionViewSet,
    LeaveRecordViewSet,
    PayIssueViewSet,
)

router = DefaultRouter()
router.register("people", PersonViewSet, basename="api-person")
router.register("courts", CourtViewSet, basename="api-court")
router.register("committee/memberships", MembershipViewSet, basename="api-committee-membership")
router.register("committee/meetings", MeetingViewSet, basename="api-committee-meeting")
router.register("notifications", NotificationViewSet, basename="api-notification")
router.register("matters", MatterViewSet, basename="api-matter")
router.register("persons-of-concern/match", MatchViewSet, basename="api-persons-of-concern-match")
router.register("cases", CaseViewSet, basename="api-case")
router.register("case-alerts", RiskAlertViewSet, basename="api-case-alert")
router.register("gate/visits", VisitViewSet, basename="api-gate-visit")
router.register("liaison/bodies", AgencyViewSet, basename="api-liaison-agency")
router.register("liaison/requests", LiaisonRequestViewSet, basename="api-liaison-request")
router.register("duty/shifts", ShiftViewSet, basename="api-duty-shift")
router.register("reputation/events", OpinionEventViewSet, basename="api-reputation-event")
router.register("privacy/cases", ExposureCaseViewSet, basename="api-privacy-case")
router.register("privacy/notices", TakedownNoticeViewSet, basename="api-privacy-notice")
router.register("welfare/followups", FollowUpViewSet, basename="api-welfare-followup")
router.register("welfare/followup-items", FollowUpItemViewSet, basename="api-welfare-item")
router.register("welfare/claims", ClaimViewSet, basename="api-welfare-claim")
router.register("welfare/funds", FundViewSet, basename="api-welfare-fund")
router.register("welfare/condolence", CondolenceViewSet, basename="api-welfare-condolence")
router.register("welfare/applications", ApplicationViewSet, basename="api-welfare-application")
router.register("alarm/alarms", AlarmViewSet, basename="api-alarm")
router.register("wellbeing/leave", LeaveRecordViewSet, basename="api-wellbeing-leave")
router.register("wellbeing/pay-issues", PayIssueViewSet, basename="api-wellbeing-pay")
router.register("wellbeing/counselling", CounsellingSessionViewSet, basename="api-wellbeing-session")
router.register("wellbeing/activities", ActivityViewSet, basename="api-wellbeing-activity")
router.register("interference/entries", EntryViewSet, basename="api-interference-entry")
router.register("interference/reports", QuarterReportViewSet, basename="api-interference-report")
router.register("interference/personnel", PersonnelActionViewSet, basename="api-interference-action")
router.register("equipment/devices", DeviceViewSet, basename="api-equipment-device")
router.register("equipment/recordings", RecordingViewSet, basename="api-equipment-recording")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
]
