from django.urls import path

from benchguard.wellbeing import views

app_name = "wellbeing"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("leave/", views.leave_list, name="leave_list"),
    path("leave/export/", views.leave_export, name="leave_export"),
    path("leave/people/<int:pk>/", views.leave_person, name="leave_person"),
    path("leave/people/<int:pk>/service/", views.leave_service, name="leave_service"),
    path("leave/people/<int:pk>/record/", views.leave_record, name="leave_record"),
    path("leave/<int:pk>/cancel/", views.leave_cancel, name="leave_cancel"),
    path("pay/", views.pay_list, name="pay_list"),
    path("pay/report/", views.pay_report, name="pay_report"),
    path("pay/<int:pk>/", views.pay_detail, name="pay_detail"),
    path("pay/<int:pk>/resolve/", views.pay_resolve, name="pay_resolve"),
    path("health/", views.health, name="health"),
    path("health/exams/schedule/", views.exam_schedule, name="exam_schedule"),
    path("health/exams/<int:pk>/complete/", views.exam_complete, name="exam_complete"),
    path("health/recuperation/add/", views.recuperation_add, name="recuperation_add"),
    path("counselling/", views.counselling, name="counselling"),
    path("counselling/book/", views.session_book, name="session_book"),
    path("counselling/<int:pk>/", views.session_detail, name="session_detail"),
    path("counselling/<int:pk>/record/", views.session_record, name="session_record"),
    path("counselling/<int:pk>/cancel/", views.session_cancel, name="session_cancel"),
    path("activities/", views.activity_list, name="activity_list"),
    path("activities/add/", views.activity_add, name="activity_add"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/attendance/", views.activity_attendance, name="activity_attendance"),
    path("reading-room/", views.holding_list, name="holding_list"),
    path("reading-room/<int:pk>/withdraw/", views.holding_withdraw, name="holding_withdraw"),
    path("report/", views.report, name="report"),
]
