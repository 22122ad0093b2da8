"""The home page and the view kit: `form_action` (post a form to a service), `form_page`
(a page of one form), `one_click` (a button), `safe_next` (where to go afterwards),
`row_page` (a page about one row the user may act on), `list_page_action` (a list with a
form on top that adds to it)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial, wraps
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from benchguard.core import home
from benchguard.core.forms import call_service, stored_values

T = TypeVar("T")
R = TypeVar("R")


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", home.context_for(request.user))


def form_action(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], T],
    *,
    done: str | Callable[[T], str],
    then: str | Callable[[T], str],
    page: Callable[..., HttpResponse],
    refused: str | None = None,
) -> HttpResponse:
    """The one shape of a page or button that posts a form to a service.

    On a valid POST, `run(cleaned_data)` calls the service: on success the user goes to
    `then` (a URL, or a function of the service's result) with the message `done`. On a
    refusal nothing is lost: `page(form=form, current=current)` shows the bound form again
    with each message next to the field it concerns and, after a stale edit, `current`
    (the row as stored now); a refusal by permission answers 403 with the same page and
    the words `refused` (an area may name its record). A GET (or an invalid form) shows
    `page(form=form, current=None)`."""
    if request.method != "POST" or not form.is_valid():
        return page(form=form, current=None)
    try:
        result, current = call_service(form, lambda: run(form.cleaned_data))
    except PermissionDenied:
        # The page offers only what the user may do; a stale page or a role taken away
        # meanwhile can still send it: say so, and keep what was typed.
        form.add_error(None, refused or _("You may not do this; nothing was saved."))
        response = page(form=form, current=None)
        if response.status_code == 200:  # a page that goes back (a redirect) stays one
            response.status_code = 403
        return response
    if result is None:
        return page(form=form, current=current)
    messages.success(request, done(result) if callable(done) else done)
    return redirect(then(result) if callable(then) else then)


def form_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    current: Any = None,
    title: str,
    back: str,
    template: str = "form_page.html",
    show_stored: bool = True,
    **extra: Any,
) -> HttpResponse:
    """A page holding one form (`form_page.html`, or a template extending it): its
    `title`, the `back` link of its Cancel button and, after a stale edit, the stored
    values beside the user's input (`show_stored=False` for restricted records, whose
    values are never repeated on the page)."""
    stored = stored_values(form, current) if current is not None and show_stored else []
    return render(
        request,
        template,
        {"title": title, "form": form, "back": back, "current": current, "current_values": stored, **extra},
    )


def form_page_action(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], T],
    *,
    done: str | Callable[[T], str],
    title: str,
    back: str,
    then: str | Callable[[T], str] | None = None,
    template: str = "form_page.html",
    **extra: Any,
) -> HttpResponse:
    """A page of one form posted to a service: `form_action` whose page is `form_page`
    (`template` and `extra` context); done, the user goes to `then`, by default back
    where the page's Cancel leads."""
    return form_action(
        request,
        form,
        run,
        done=done,
        then=then or back,
        page=partial(form_page, request, title=title, back=back, template=template, **extra),
    )


def list_page_action(
    request: HttpRequest,
    form: forms.BaseForm,
    run: Callable[[dict[str, Any]], T],
    *,
    done: str,
    then: str | Callable[[T], str],
    rows: Any,
    template: str,
    per_page: int = 50,
    **extra: Any,
) -> HttpResponse:
    """A list page with a form on top that adds to it (`form_action`): the `rows`,
    `paginated`, under the form in `template` (with `extra` context); a refused form
    comes back bound above the list."""

    def page(form: forms.BaseForm, current: Any = None) -> HttpResponse:
        return render(request, template, {**paginated(request, rows, per_page), "form": form, **extra})

    return form_action(request, form, run, done=done, then=then, page=page)


def row_page(
    get: Callable[[Any, Any], R],
    may: Callable[[Any, R], bool] | None = None,
    *,
    methods: Sequence[str] = ("GET", "POST"),
) -> Callable[[Callable[[HttpRequest, R], HttpResponse]], Callable[..., HttpResponse]]:
    """A page about one row that only some users may act on: signed in, `methods` only
    (405), the row read by `get(user, pk)` from the URL's one argument (404 outside the
    user's scope), then `may(user, row)` checked (403; None: whoever sees the row, the
    service decides the rest). The view receives the row."""

    def decorate(view: Callable[[HttpRequest, R], HttpResponse]) -> Callable[..., HttpResponse]:
        @login_required
        @require_http_methods(list(methods))
        @wraps(view)
        def page(request: HttpRequest, **url: Any) -> HttpResponse:
            (pk,) = url.values()  # pk, court_pk, …: whatever the URL names it
            row = get(request.user, pk)
            if may is not None and not may(request.user, row):
                raise PermissionDenied
            return view(request, row)

        return page

    return decorate


def paginated(request: HttpRequest, rows: Any, per_page: int = 50) -> dict[str, Any]:
    """A list page's `page` (from `?page=`) and `query`, the page's other parameters for
    the links of `pagination.html`, so a filtered list keeps its filters page to page."""
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": Paginator(rows, per_page).get_page(request.GET.get("page")), "query": query.urlencode()}


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


def posted_version(request: HttpRequest) -> int:
    """The version a button's page showed its row at (`version` in the POST). Anything
    else is 0, which no row has: the service refuses it as a stale edit."""
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else 0


def one_click(request: HttpRequest, service: Callable[[], Any], done: str) -> Any:
    """Run the service behind a button (no input to keep): success or each refusal —
    a forbidden transition, a second click, a stale version — becomes a message.
    Returns the service's result, or None when it was refused."""
    try:
        result = service()
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return None
    messages.success(request, done)
    return result
