"""Mounted at /incidents/protection/ (config/urls.py), where these pages were when they
belonged to the incident register: links already sent in notifications keep working."""

from django.urls import path

from benchguard.after_hours import views

app_name = "after_hours"

urlpatterns = [
    path("", views.protection_list, name="protection_list"),
    path("new/", views.protection_request, name="protection_request"),
    path("<int:pk>/", views.protection_detail, name="protection_detail"),
    path("<int:pk>/decide/", views.protection_decide, name="protection_decide"),
    path("<int:pk>/log/", views.protection_log, name="protection_log"),
    path("<int:pk>/complete/", views.protection_complete, name="protection_complete"),
]
