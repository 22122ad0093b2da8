from django.urls import path

from benchguard.incidents import partials, views

app_name = "incidents"

urlpatterns = [
    path("", views.incident_list, name="incident_list"),
    path("export/", views.incident_export, name="incident_export"),
    path("new/", views.report_choose, name="report_choose"),
    path("new/<str:kind>/", views.report, name="report"),
    path("<int:pk>/", views.incident_detail, name="incident_detail"),
    path("<int:pk>/edit/", views.incident_edit, name="incident_edit"),
    path("<int:pk>/targets/", views.set_targets, name="set_targets"),
    path("<int:pk>/perpetrators/", views.link_perpetrator, name="link_perpetrator"),
    path("<int:pk>/attachments/", views.add_attachment, name="add_attachment"),
    path("<int:pk>/measures/", views.add_measure, name="add_measure"),
    path("<int:pk>/refer/", views.refer, name="refer"),
    path("<int:pk>/matter/", views.open_matter, name="open_matter"),
    path("<int:pk>/close/", views.close, name="close"),
    path("<int:pk>/reopen/", views.reopen, name="reopen"),
    path("<int:pk>/sanctions/", views.add_sanction, name="add_sanction"),
    path("<int:pk>/chain/", views.chain_notify, name="chain_notify"),
    path("<int:pk>/receptions/", views.add_reception, name="add_reception"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("persons-of-concern/<int:person_pk>/", partials.person_incidents, name="person_incidents"),
    path("measures/<int:pk>/", views.update_measure, name="update_measure"),
    path("sanctions/<int:pk>/", views.decide_sanction, name="decide_sanction"),
    path("sanctions/<int:pk>/decision/", views.sanction_decision, name="sanction_decision"),
    path(
        "sanctions/<int:pk>/reconsideration/",
        views.apply_for_reconsideration,
        name="apply_for_reconsideration",
    ),
    path(
        "reconsiderations/<int:pk>/outcome/",
        views.reconsideration_outcome,
        name="reconsideration_outcome",
    ),
    path("chain/<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("plans/", views.plan_list, name="plan_list"),
    path("plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/file/", views.plan_download, name="plan_download"),
    path("plans/<int:pk>/activate/", views.plan_activate, name="plan_activate"),
    path("calls/<int:pk>/arrival/", views.record_arrival, name="record_arrival"),
    path("talks/", views.talk_list, name="talk_list"),
    path("talks/<int:pk>/record/", views.talk_download, name="talk_download"),
]
