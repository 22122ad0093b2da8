from django.urls import URLPattern

app_name = "alarm"

urlpatterns: list[URLPattern] = []
