from django.urls import path

from benchguard.committee import views

app_name = "committee"

urlpatterns = [
    path("", views.committee_home, name="home"),
    path("courts/<int:court_pk>/", views.roster, name="roster"),
    path("courts/<int:court_pk>/members/add/", views.membership_add, name="membership_add"),
    path("courts/<int:court_pk>/settings/", views.settings_edit, name="settings_edit"),
    path("courts/<int:court_pk>/meetings/", views.meeting_list, name="meeting_list"),
    path("courts/<int:court_pk>/meetings/add/", views.meeting_add, name="meeting_add"),
    path("members/<int:pk>/edit/", views.membership_edit, name="membership_edit"),
    path("members/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/hold/", views.meeting_hold, name="meeting_hold"),
    path("meetings/<int:pk>/cancel/", views.meeting_cancel, name="meeting_cancel"),
    path("meetings/<int:pk>/attendance/", views.attendance_edit, name="attendance_edit"),
    path("meetings/<int:pk>/minutes/", views.minutes_edit, name="minutes_edit"),
    path("meetings/<int:pk>/resolutions/add/", views.resolution_add, name="resolution_add"),
    path("agenda/<int:pk>/edit/", views.agenda_edit, name="agenda_edit"),
    path("resolutions/<int:pk>/actions/add/", views.action_add, name="action_add"),
    path("actions/<int:pk>/complete/", views.action_complete, name="action_complete"),
]
