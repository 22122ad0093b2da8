from django.urls import path

from benchguard.matters import views

app_name = "matters"

urlpatterns = [
    path("", views.matter_list, name="list"),
    path("all/", views.register_of_matters, name="all"),
    path("apply/", views.apply, name="apply"),
    path("register/", views.register, name="register"),
    path("open/", views.open_ex_officio, name="open"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/accept/", views.accept, name="accept"),
    path("<int:pk>/decline/", views.plain_transition, {"slot": "decline"}, name="decline"),
    path("<int:pk>/step/", views.step, name="step"),
    path("<int:pk>/time/", views.plain_transition, {"slot": "time"}, name="request_time"),
    path("<int:pk>/time/<int:request_pk>/decide/", views.decide_time, name="decide_time"),
    path("<int:pk>/resume/", views.plain_transition, {"slot": "resume"}, name="resume"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/feedback/", views.plain_transition, {"slot": "feedback"}, name="feedback"),
    path("<int:pk>/response/", views.plain_transition, {"slot": "response"}, name="response"),
    path(
        "<int:pk>/appeal-outcome/", views.plain_transition, {"slot": "appeal_outcome"}, name="appeal_outcome"
    ),
    path("<int:pk>/attachments/", views.attach, name="attach"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/notice/<str:kind>/", views.notice, name="notice"),
    path("<int:pk>/tasks/", views.add_task, name="add_task"),
    path("tasks/<int:task_pk>/done/", views.complete_task, name="complete_task"),
    path("meetings/<int:meeting_pk>/agenda/add/", views.agenda_add, name="agenda_add"),
]
