"""The home page: one page, with the panels of every role the user holds."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from benchguard.core import home


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", home.context_for(request.user))
