from django.urls import path  # noqa: F401

app_name = "matters"

urlpatterns: list = []  # type: ignore[type-arg]
