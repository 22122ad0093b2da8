from django.contrib import admin
from django.urls import include, path

from benchguard.organization.admin import unregister_unscoped

unregister_unscoped()

urlpatterns = [
    path("", include("benchguard.core.urls")),
    path("accounts/two-factor/", include("benchguard.signin.urls")),
    path("accounts/", include("benchguard.organization.account_urls")),
    path("directory/", include("benchguard.organization.urls")),
    path("notifications/", include("benchguard.notifications.urls")),
    path("duty/", include("benchguard.duty.urls")),
    path("committee/", include("benchguard.committee.urls")),
    path("matters/", include("benchguard.matters.urls")),
    path("persons-of-concern/", include("benchguard.persons_of_concern.urls")),
    path("cases/", include("benchguard.cases.urls")),
    path("incidents/protection/", include("benchguard.after_hours.urls")),
    path("incidents/", include("benchguard.incidents.urls")),
    path("gate/", include("benchguard.gate.urls")),
    path("liaison/", include("benchguard.liaison.urls")),
    path("interference/", include("benchguard.interference.urls")),
    path("reputation/", include("benchguard.reputation.urls")),
    path("privacy/", include("benchguard.privacy.urls")),
    path("welfare/", include("benchguard.welfare.urls")),
    path("wellbeing/", include("benchguard.wellbeing.urls")),
    path("equipment/", include("benchguard.equipment.urls")),
    path("training/", include("benchguard.training.urls")),
    path("meetings/", include("benchguard.meetings.urls")),
    path("alarm/", include("benchguard.alarm.urls")),
    path("overview/", include("benchguard.overview.urls")),
    path("api/", include("benchguard.config.api_urls")),
    path("admin/", admin.site.urls),
]
