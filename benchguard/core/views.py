"""The home page, and the page helper every versioned edit form uses."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

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
