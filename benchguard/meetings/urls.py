from django.urls import path

from benchguard.meetings import views

app_name = "meetings"

urlpatterns = [
    path("", views.request_list, name="request_list"),
    path("<int:pk>/", views.request_detail, name="request_detail"),
    path("<int:pk>/schedule/", views.schedule, name="schedule"),
    path("<int:pk>/held/", views.held, name="held"),
    path("<int:pk>/refuse/", views.refuse, name="refuse"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
]
