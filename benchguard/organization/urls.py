from django.urls import path

from benchguard.organization import views

app_name = "organization"

urlpatterns = [
    path("", views.court_list, name="court_list"),
    path("courts/<int:pk>/", views.court_detail, name="court_detail"),
    path("departments/<int:pk>/", views.department_detail, name="department_detail"),
    path("people/", views.person_list, name="person_list"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/private/", views.private_detail, name="private_detail"),
    path("people/<int:pk>/private/edit/", views.private_edit, name="private_edit"),
    path("people/<int:pk>/private/relatives/add/", views.relative_add, name="relative_add"),
    path("people/<int:pk>/private/relatives/remove/", views.relative_remove, name="relative_remove"),
]
