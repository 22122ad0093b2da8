"""The two-step sign-in pages: enrol, verify, recovery codes, API token, and the
administrator's reset. Thin: the services change, the middleware sends people here."""

from __future__ import annotations

from base64 import b32encode

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from benchguard.core.text import join_list
from benchguard.core.views import safe_next
from benchguard.organization.admin_base import can_administer
from benchguard.signin import selectors, services
from benchguard.signin.forms import AccountSearchForm, CodeForm, EnrolForm, ResetForm
from benchguard.signin.permissions import can_reset_second_factor
from benchguard.signin.second_factor import HAS_DEVICE_SESSION_KEY, needs_second_factor, reasons, required_for

SHOW_ONCE_SESSION_KEY = "signin_show_once"  # recovery codes or a token, shown on the next page only


def _enrolled(user: object) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    user = request.user
    enrolled = _enrolled(user)
    context = {
        "enrolled": enrolled,
        "needed": needs_second_factor(user),
        "reaches": join_list(reasons(user)),
        "required": required_for(user),
        "verified": user.is_verified(),  # type: ignore[union-attr]
        "administers": can_administer(user),
        "recovery_left": StaticToken.objects.filter(device__user=user).count() if enrolled else 0,
    }
    return render(request, "signin/overview.html", context)


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    return str(image.to_string(encoding="unicode"))


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    user = request.user
    if _enrolled(user) and not user.is_verified():  # type: ignore[union-attr]
        return redirect("signin:verify")  # a second authenticator needs the first one's code
    device = services.start_enrolment(actor=user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = services.confirm_enrolment(actor=user, device=device, code=form.cleaned_data["code"])
        if codes is not None:
            otp_login(request, device)
            request.session[HAS_DEVICE_SESSION_KEY] = True
            request.session[SHOW_ONCE_SESSION_KEY] = {"codes": codes, "next": safe_next(request, "home")}
            return redirect("signin:codes")
        form.add_error(
            "code", _("That code is not the one the app shows now. Check the phone's clock and try again.")
        )
    secret = b32encode(device.bin_key).decode()
    context = {
        "form": form,
        "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308  (drawn by qrcode from our own URI)
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "otpauth_uri": device.config_url,
        "next": request.GET.get("next") or request.POST.get("next") or "",
        "required": required_for(user),
        "reaches": join_list(reasons(user)),
    }
    return render(request, "signin/enrol.html", context)


@login_required
def codes(request: HttpRequest) -> HttpResponse:
    shown = request.session.pop(SHOW_ONCE_SESSION_KEY, None)
    if not shown or "codes" not in shown:
        return redirect("signin:overview")
    return render(request, "signin/codes.html", {"codes": shown["codes"], "next": shown.get("next") or "/"})


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(safe_next(request, "home"))
    if not user_has_device(user, confirmed=True):
        request.session[HAS_DEVICE_SESSION_KEY] = False
        return redirect("signin:enrol")
    credentials = {"username": user.get_username()}
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if AxesProxyHandler.is_locked(request, credentials):
            logout(request)
            return render(request, "registration/locked_out.html", status=429)
        device = services.verify_code(actor=user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(safe_next(request, "home"))
        # A wrong code counts toward the account's lockout like a wrong password.
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            logout(request)  # start again from the password; axes answers with its page
            return render(request, "registration/locked_out.html", status=429)
        form.add_error(
            "code", _("The code is wrong or was already used. Wait for the next code and try again.")
        )
    next_url = request.GET.get("next") or request.POST.get("next") or ""
    return render(request, "signin/verify.html", {"form": form, "next": next_url})


@require_POST
@login_required
def new_recovery_codes(request: HttpRequest) -> HttpResponse:
    codes = services.regenerate_recovery_codes(actor=request.user, verified=request.user.is_verified())  # type: ignore[union-attr]
    request.session[SHOW_ONCE_SESSION_KEY] = {"codes": codes, "next": ""}
    return redirect("signin:codes")


@require_POST
@login_required
def api_token(request: HttpRequest) -> HttpResponse:
    token = services.issue_api_token(actor=request.user, verified=request.user.is_verified())  # type: ignore[union-attr]
    return render(request, "signin/api_token.html", {"token": token.key})


@login_required
def accounts(request: HttpRequest) -> HttpResponse:
    if not can_administer(request.user):
        raise PermissionDenied
    search = AccountSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page = Paginator(selectors.accounts_for_reset(request.user, query), 50).get_page(request.GET.get("page"))
    query_string = urlencode({"q": query}) if query else ""
    return render(
        request, "signin/accounts.html", {"search": search, "page_obj": page, "query_string": query_string}
    )


@login_required
def reset(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_administer(request.user):
        raise PermissionDenied
    account = selectors.get_account_for_reset(request.user, pk)
    if not can_reset_second_factor(request.user, account):
        raise PermissionDenied
    form = ResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reset_second_factor(actor=request.user, account=account, reason=form.cleaned_data["reason"])
        messages.success(
            request,
            _("The second factor of %(account)s was reset: they enrol again at their next sign-in.")
            % {"account": account},
        )
        return redirect("signin:accounts")
    return render(
        request, "signin/reset.html", {"form": form, "account": account, "enrolled": _enrolled(account)}
    )
