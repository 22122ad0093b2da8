from django.urls import path

from benchguard.welfare import views

app_name = "welfare"

urlpatterns = [
    path("", views.index, name="index"),
    path("followups/", views.followup_list, name="followup_list"),
    path("followups/<int:pk>/", views.followup_detail, name="followup_detail"),
    path("followups/items/<int:pk>/close/", views.item_close, name="item_close"),
    path("insurance/", views.insurance, name="insurance"),
    path("insurance/policies/add/", views.policy_add, name="policy_add"),
    path("insurance/claims/add/", views.claim_add, name="claim_add"),
    path("insurance/claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("insurance/claims/<int:pk>/on-duty/", views.claim_on_duty, name="claim_on_duty"),
    path("insurance/claims/<int:pk>/submit/", views.claim_submit, name="claim_submit"),
    path("insurance/claims/<int:pk>/outcome/", views.claim_outcome, name="claim_outcome"),
    path("funds/", views.fund_list, name="fund_list"),
    path("funds/<int:pk>/", views.fund_detail, name="fund_detail"),
    path("funds/<int:pk>/income/", views.fund_income, name="fund_income"),
    path("funds/<int:pk>/pay/", views.fund_pay, name="fund_pay"),
    path("condolence/", views.payment_list, name="payment_list"),
    path("condolence/add/", views.payment_add, name="payment_add"),
    path("condolence/caps/", views.cap_list, name="cap_list"),
    path("condolence/visits/add/", views.visit_add, name="visit_add"),
    path("condolence/<int:pk>/", views.payment_detail, name="payment_detail"),
    path("condolence/<int:pk>/step/", views.payment_step, name="payment_step"),
    path("condolence/<int:pk>/raise/", views.payment_raise, name="payment_raise"),
    path("condolence/<int:pk>/refuse/", views.payment_refuse, name="payment_refuse"),
    path("special/", views.application_list, name="application_list"),
    path("special/add/", views.application_add, name="application_add"),
    path("special/<int:pk>/", views.application_detail, name="application_detail"),
    path("special/<int:pk>/decide/", views.application_decide, name="application_decide"),
    path("special/<int:pk>/pay/", views.application_pay, name="application_pay"),
]
