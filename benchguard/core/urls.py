from django.urls import path

from benchguard.core import health, views

urlpatterns = [
    path("", views.home_view, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]
