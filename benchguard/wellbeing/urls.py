from django.urls import URLPattern

app_name = "wellbeing"

urlpatterns: list[URLPattern] = []
