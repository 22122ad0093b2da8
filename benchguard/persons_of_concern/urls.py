from django.urls import path

from benchguard.persons_of_concern import views

app_name = "persons_of_concern"

urlpatterns = [
    path("", views.person_list, name="person_list"),
    path("new/", views.person_create, name="person_create"),
    path("<int:pk>/", views.person_detail, name="person_detail"),
    path("<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("<int:pk>/names/", views.add_to_person, {"what": "name"}, name="add_name"),
    path("<int:pk>/documents/", views.add_to_person, {"what": "document"}, name="add_document"),
    path("<int:pk>/phones/", views.add_to_person, {"what": "phone"}, name="add_phone"),
    path("<int:pk>/propose/", views.propose_entry, name="propose_entry"),
    path("list/", views.entry_list, name="entry_list"),
    path("list/export/", views.entry_export, name="entry_export"),
    path("list/<int:pk>/", views.entry_detail, name="entry_detail"),
    path("list/<int:pk>/approve/", views.entry_approve, name="entry_approve"),
    path("list/<int:pk>/remove/", views.entry_remove, name="entry_remove"),
    path("list/<int:pk>/correct/", views.entry_correct, name="entry_correct"),
    path("list/<int:pk>/objections/new/", views.objection_add, name="objection_add"),
    path("objections/<int:pk>/decide/", views.objection_decide, name="objection_decide"),
    path("check/", views.check, name="check"),
    path("logs/", views.log_list, name="log_list"),
    path("logs/export/", views.log_export, name="log_export"),
]
