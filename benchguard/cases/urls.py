from django.urls import path

from benchguard.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("file/", views.case_file, name="case_file"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/parties/add/", views.party_add, name="party_add"),
]
