from django.urls import path

from benchguard.duty import views

app_name = "duty"

urlpatterns = [
    path("", views.roster, name="roster"),
    path("shifts/add/", views.shift_add, name="shift_add"),
    path("shifts/<int:pk>/edit/", views.shift_edit, name="shift_edit"),
    path("shifts/<int:pk>/remove/", views.shift_remove, name="shift_remove"),
    path("alerts/", views.alerts, name="alerts"),
    path("alerts/<int:pk>/acknowledge/", views.alert_acknowledge, name="alert_acknowledge"),
]
