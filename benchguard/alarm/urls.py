from django.urls import path

from benchguard.alarm import views

app_name = "alarm"

urlpatterns = [
    path("", views.press_page, name="press"),
    path("press/", views.press_mine, name="press_mine"),
    path("points/<int:pk>/", views.point_page, name="point"),
    path("points/<int:pk>/press/", views.press_point, name="press_point"),
    path("points/<int:pk>/hearing/", views.set_hearing, name="set_hearing"),
    path("board/", views.board, name="board"),
    path("board/feed/", views.board_feed, name="board_feed"),
    path("list/", views.alarm_list, name="alarm_list"),
    path("<int:pk>/", views.alarm_detail, name="alarm_detail"),
    path("<int:pk>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("<int:pk>/arrive/", views.arrive, name="arrive"),
    path("<int:pk>/close/", views.close, name="close"),
]
