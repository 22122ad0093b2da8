from django.urls import path

from benchguard.signin import views

app_name = "signin"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("enrol/", views.enrol, name="enrol"),
    path("verify/", views.verify, name="verify"),
    path("codes/", views.codes, name="codes"),
    path("codes/new/", views.new_recovery_codes, name="new_recovery_codes"),
    path("api-token/", views.api_token, name="api_token"),
    path("accounts/", views.accounts, name="accounts"),
    path("accounts/<int:pk>/reset/", views.reset, name="reset"),
]
