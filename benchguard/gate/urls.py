from django.urls import path

from benchguard.gate import views

app_name = "gate"

urlpatterns = [
    path("", views.desk, name="desk"),
    path("holds/", views.holds, name="holds"),
    path("day-end/", views.day_end, name="day_end"),
    path("visits/", views.visit_list, name="visit_list"),
    path("my-visitors/", views.my_visitors, name="my_visitors"),
    path("visits/export/", views.visit_export, name="visit_export"),
    path("visits/counts/", views.counts, name="counts"),
    path("visits/<int:pk>/", views.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/confirm/", views.confirm, name="confirm"),
    path("visits/<int:pk>/confirm-phone/", views.confirm_phone, name="confirm_phone"),
    path("visits/<int:pk>/close/", views.close, name="close"),
    path("visits/<int:pk>/check-out/", views.check_out, name="check_out"),
    path("visits/<int:pk>/decide/", views.decide, name="decide"),
    path("deposits/<int:pk>/hand-back/", views.hand_back, name="hand_back"),
    path("checkpoint/", views.checkpoint, name="checkpoint"),
    path("checkpoint/<int:pk>/", views.shift_detail, name="shift_detail"),
    path("checkpoint/<int:pk>/items/", views.add_item, name="add_item"),
    path("checkpoint/<int:pk>/refusals/", views.refuse_entry, name="refuse_entry"),
    path("checkpoint/statistics/", views.checkpoint_statistics, name="checkpoint_statistics"),
    path("passage/", views.passage, name="passage"),
    path("items/<int:pk>/return/", views.return_item, name="return_item"),
    path("items/<int:pk>/incident/", views.item_incident, name="item_incident"),
]
