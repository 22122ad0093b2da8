from django.urls import path

from benchguard.liaison import views

app_name = "liaison"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("bodies/add/", views.agency_add, name="agency_add"),
    path("bodies/<int:pk>/edit/", views.agency_edit, name="agency_edit"),
    path("bodies/<int:pk>/deactivate/", views.agency_deactivate, name="agency_deactivate"),
    path("bodies/<int:pk>/contacts/add/", views.contact_add, name="contact_add"),
    path("contacts/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contacts/<int:pk>/deactivate/", views.contact_deactivate, name="contact_deactivate"),
    path("requests/", views.request_list, name="request_list"),
    path("requests/send/", views.request_send, name="request_send"),
    path("requests/<int:pk>/", views.request_detail, name="request_detail"),
    path("requests/<int:pk>/answer/", views.request_answer, name="request_answer"),
    path("requests/<int:pk>/close/", views.request_close, name="request_close"),
    path("requests/<int:pk>/withdraw/", views.request_withdraw, name="request_withdraw"),
    path("incidents/<int:incident_pk>/requests/", views.incident_requests, name="incident_requests"),
]
