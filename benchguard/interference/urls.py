from django.urls import path

from benchguard.interference import views

app_name = "interference"

urlpatterns = [
    path("", views.entry_list, name="entry_list"),
    path("record/", views.entry_record, name="entry_record"),
    path("<int:pk>/", views.entry_detail, name="entry_detail"),
    path("<int:pk>/amend/", views.entry_amend, name="entry_amend"),
    path("<int:pk>/refer/", views.entry_refer, name="entry_refer"),
    path("<int:pk>/report/", views.entry_report, name="entry_report"),
    path("<int:pk>/open-matter/", views.entry_open_matter, name="entry_open_matter"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.entry_attachment, name="entry_attachment"),
    path("reports/", views.report_list, name="report_list"),
    path("reports/<int:pk>/", views.report_detail, name="report_detail"),
    path("reports/<int:pk>/export/", views.report_export, name="report_export"),
    path("reports/<int:pk>/submit/", views.report_submit, name="report_submit"),
    path("reports/<int:pk>/receipt/", views.report_receipt, name="report_receipt"),
    path("reports/<int:pk>/acknowledge/", views.report_acknowledge, name="report_acknowledge"),
    path("personnel/", views.action_list, name="action_list"),
    path("personnel/record/", views.action_record, name="action_record"),
    path("personnel/<int:pk>/", views.action_detail, name="action_detail"),
    path("personnel/<int:pk>/prepare/", views.action_prepare, name="action_prepare"),
    path("personnel/<int:pk>/review/", views.action_review, name="action_review"),
]
