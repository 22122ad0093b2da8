from django.urls import path

from benchguard.training import views

app_name = "training"

urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("courses/<int:pk>/", views.course_detail, name="course_detail"),
    path("sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("untrained/", views.untrained, name="untrained"),
    path("drills/", views.drill_list, name="drill_list"),
    path("drills/<int:pk>/", views.drill_detail, name="drill_detail"),
    path("drills/<int:pk>/follow-ups/<int:follow_up>/close/", views.close_follow_up, name="close_follow_up"),
]
