from django.urls import path

from benchguard.reputation import views

app_name = "reputation"

urlpatterns = [
    path("", views.event_list, name="event_list"),
    path("register/", views.event_register, name="event_register"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/screenshots/add/", views.event_screenshot, name="event_screenshot"),
    path("<int:pk>/screenshots/<int:shot_pk>/", views.screenshot_file, name="screenshot_file"),
    path("<int:pk>/investigate/", views.event_investigate, name="event_investigate"),
    path("<int:pk>/findings/", views.event_findings, name="event_findings"),
    path("<int:pk>/close/", views.event_close, name="event_close"),
    path("<int:pk>/open-matter/", views.event_open_matter, name="event_open_matter"),
    path("<int:pk>/clarifications/draft/", views.clarification_draft, name="clarification_draft"),
    path("clarifications/<int:pk>/edit/", views.clarification_edit, name="clarification_edit"),
    path("clarifications/<int:pk>/approve/", views.clarification_approve, name="clarification_approve"),
    path("clarifications/<int:pk>/publish/", views.clarification_publish, name="clarification_publish"),
    path("<int:pk>/liability/", views.event_liability, name="event_liability"),
    path("matters/<int:pk>/liability/", views.matter_liability, name="matter_liability"),
    path("incidents/<int:pk>/liability/", views.incident_liability, name="incident_liability"),
    path("liability/<str:kind>/<int:pk>/add/", views.liability_add, name="liability_add"),
    path("liability/<int:pk>/outcome/", views.liability_outcome, name="liability_outcome"),
]
