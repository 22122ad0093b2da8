from django.urls import URLPattern

app_name = "welfare"

urlpatterns: list[URLPattern] = []
