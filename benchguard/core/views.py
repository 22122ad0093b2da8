"""The home page, and the page helper every versioned edit form uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme

from benchguard.core import home
from benchguard.core.forms import call_service, stored_values


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", home.context_for(request.user))


def edit_versioned(
    request: HttpRequest,
    *,
    form: forms.ModelForm,  # type: ignore[type-arg]
    run: Callable[[], Any],
    template: str,
    context: dict[str, Any],
    done_url: str,
    done_message: str,
    show_stored: bool = True,
) -> HttpResponse:
    """The edit page of a versioned row: on a valid POST run the service `run`; on success
    go to `done_url` with `done_message`; on a refusal show the form again with the
    messages and the user's input, and after a stale edit the row as stored now beside
    it (`show_stored=False` for restricted records, whose values are never repeated)."""
    current = None
    if request.method == "POST" and form.is_valid():
        saved, current = call_service(form, run)
        if saved is not None:
            messages.success(request, done_message)
            return redirect(done_url)
    return render(
        request,
        template,
        {
            **context,
            "form": form,
            "current": current,
            "current_values": stored_values(form, current) if current and show_stored else [],
        },
    )


def safe_next(request: HttpRequest, fallback: str, *args: Any, **kwargs: Any) -> str:
    """Where to go after a form: the `next` the page sent (POST, else GET) when it stays on
    this site, else `fallback` (a URL name with its arguments, or a path). Django's check
    refuses `//evil.example`, `/\\evil.example`, `https://evil.example` and the like, so no
    link in an e-mail or a forged form can send a court user to another site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(fallback, *args, **kwargs)


def one_click(request: HttpRequest, service: Callable[[], Any], done: str) -> Any:
    """Run the service behind a button (no input to keep): success or each refusal —
    a forbidden transition, a second click, a stale version — becomes a message.
    Returns the service's result, or None when it was refused."""
    from django.core.exceptions import ValidationError

    try:
        result = service()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
    messages.success(request, done)
    return result
