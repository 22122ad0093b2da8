from django.urls import URLPattern

app_name = "interference"

urlpatterns: list[URLPattern] = []
