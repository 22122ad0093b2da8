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
]
