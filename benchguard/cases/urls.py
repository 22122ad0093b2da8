from django.urls import path

from benchguard.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("file/", views.case_file, name="case_file"),
    path("import/", views.import_upload, name="case_import"),
    path("import/template.xlsx", views.import_template, name="import_template"),
    path("import/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/parties/add/", views.party_add, name="party_add"),
    path("<int:pk>/panel/", views.case_panel, name="case_panel"),
    path("parties/<int:pk>/edit/", views.party_edit, name="party_edit"),
    path("parties/<int:pk>/remove/", views.party_remove, name="party_remove"),
    path("<int:pk>/risk/flags/", views.case_flag, name="case_flag"),
    path("<int:pk>/risk/propose/", views.case_propose_level, name="case_propose_level"),
    path("<int:pk>/risk/level/", views.case_set_level, name="case_set_level"),
    path("<int:pk>/stage/", views.case_move_stage, name="case_move_stage"),
    path("<int:pk>/plan/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/report/", views.report_send, name="report_send"),
    path("<int:pk>/intervene/", views.case_intervene, name="case_intervene"),
    path("<int:pk>/statements/draft/", views.statement_draft, name="statement_draft"),
    path("plans/<int:pk>/approve/", views.plan_approve, name="plan_approve"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
    path("reports/<int:pk>/acknowledge/", views.report_acknowledge, name="report_acknowledge"),
    path("reports/<int:pk>/pass-on/", views.report_pass_on, name="report_pass_on"),
    path("reports/<int:pk>/receipt/", views.report_receipt, name="report_receipt"),
    path("statements/<int:pk>/sign-off/", views.statement_sign_off, name="statement_sign_off"),
    path("statements/<int:pk>/publish/", views.statement_publish, name="statement_publish"),
    path("watch/", views.watch_list, name="watch_list"),
]
