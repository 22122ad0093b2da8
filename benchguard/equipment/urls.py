from django.urls import path

from benchguard.equipment import views

app_name = "equipment"

urlpatterns = [
    path("", views.index, name="index"),
    path("devices/", views.device_list, name="device_list"),
    path("devices/add/", views.device_add, name="device_add"),
    path("devices/<int:pk>/", views.device_detail, name="device_detail"),
    path("devices/<int:pk>/edit/", views.device_edit, name="device_edit"),
    path("devices/<int:pk>/issue/", views.device_issue, name="device_issue"),
    path("devices/<int:pk>/fault/", views.device_fault, name="device_fault"),
    path("issues/<int:pk>/return/", views.issue_return, name="issue_return"),
    path("faults/<int:pk>/repair/", views.fault_repair, name="fault_repair"),
    path("mine/", views.mine, name="mine"),
    path("people/<int:person_pk>/devices/", views.person_devices, name="person_devices"),
    path("incidents/<int:incident_pk>/recordings/", views.incident_recordings, name="incident_recordings"),
    path("recordings/", views.recording_list, name="recording_list"),
    path("recordings/upload/", views.recording_upload, name="recording_upload"),
    path("recordings/<int:pk>/", views.recording_detail, name="recording_detail"),
    path("recordings/<int:pk>/play/", views.recording_play, name="recording_play"),
    path("recordings/<int:pk>/download/", views.recording_download, name="recording_download"),
    path("recordings/<int:pk>/report/", views.recording_report, name="recording_report"),
    path("recordings/<int:pk>/verify/", views.recording_verify, name="recording_verify"),
    path("recordings/<int:pk>/version/", views.recording_version, name="recording_version"),
    path("recordings/<int:pk>/link/", views.recording_link, name="recording_link"),
]
