from django.urls import path

from benchguard.overview import views

app_name = "overview"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("export/", views.export, name="export"),
]
