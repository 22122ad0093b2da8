from django.urls import path

from benchguard.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("register/", views.case_register, name="case_register"),
    path("settings/", views.settings_edit, name="settings"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/evidence/add/", views.case_evidence, name="case_evidence"),
    path("<int:pk>/evidence/<int:file_pk>/", views.evidence_file, name="evidence_file"),
    path("<int:pk>/close/", views.case_close, name="case_close"),
    path("<int:pk>/open-matter/", views.case_open_matter, name="case_open_matter"),
    path("<int:pk>/access-log/", views.case_access_log, name="case_access_log"),
    path("<int:pk>/notices/draft/", views.notice_draft, name="notice_draft"),
    path("notices/<int:pk>/", views.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/print/", views.notice_print, name="notice_print"),
    path("notices/<int:pk>/edit/", views.notice_edit, name="notice_edit"),
    path("notices/<int:pk>/send/", views.notice_send, name="notice_send"),
    path("notices/<int:pk>/acknowledged/", views.notice_acknowledged, name="notice_acknowledged"),
    path("notices/<int:pk>/removed/", views.notice_removed, name="notice_removed"),
    path("notices/<int:pk>/refused/", views.notice_refused, name="notice_refused"),
    path("notices/<int:pk>/escalate/", views.notice_escalate, name="notice_escalate"),
    path("notices/<int:pk>/withdraw/", views.notice_withdraw, name="notice_withdraw"),
]
