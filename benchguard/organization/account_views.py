"""Sign-in, sign-out, password change and the user's language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST

from benchguard.core.forms import StyledFormMixin
from benchguard.core.views import safe_next
from benchguard.organization import services
from benchguard.organization.forms import LanguageForm, LoginForm


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    redirect_authenticated_user = True
    template_name = "registration/login.html"


class PasswordChangeForm(StyledFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = PasswordChangeForm
    success_url = reverse_lazy("password_change_done")


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Per-user language: kept on the account when signed in, in a cookie otherwise."""
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    language = form.cleaned_data["language"]
    target = safe_next(request, "/")
    if request.user.is_authenticated:
        services.set_language(actor=request.user, account=request.user, language=language)
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=365 * 24 * 3600,
        samesite="Lax",
        httponly=True,
    )
    return response
