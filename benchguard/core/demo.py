"""The demo data's registry: every area registers its own loader, core runs them.

`benchguard seed-demo` (organization's command, through `organization.demo.load_demo`)
loads the whole city's demo without naming a single area: each area's `demo.py`
registers its loader::

    from benchguard.core.demo import register_demo

    @register_demo("matters")
    @transaction.atomic
    def load_matters_demo() -> None: ...

`load_all()` imports every installed app's `demo` module (like the admin's
autodiscovery) and runs the loaders in `INSTALLED_APPS` order, so an area finds the
rows of the areas below it (organization's courts and personas first). Loaders are
idempotent: every row is found by its natural key before it is created, so running the
demo twice creates nothing twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

Loader = Callable[[], None]

_loaders: dict[str, Loader] = {}


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """A moment of the court's local day (Asia/Shanghai) at an hour the demo chooses, not
    an offset from whenever the demo happened to be loaded (a courtroom incident at 4 a.m.
    looks made up)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def working_day(day: dt.date, step: int = -1) -> dt.date:
    """The day itself if Monday to Friday, else the nearest such day before it (step -1)
    or after it (step 1)."""
    while day.weekday() >= 5:
        day += dt.timedelta(days=step)
    return day


def register_demo(name: str) -> Callable[[Loader], Loader]:
    """Register an area's demo loader under `name` (registering the name again replaces it)."""

    def decorator(func: Loader) -> Loader:
        _loaders[name] = func
        return func

    return decorator


def loaders() -> list[tuple[str, Loader]]:
    """Every registered loader, in the `INSTALLED_APPS` order of the app that defines it
    (an app's own loaders in the order they were registered)."""
    autodiscover_modules("demo")
    position = {config.name: index for index, config in enumerate(apps.get_app_configs())}

    def app_position(item: tuple[int, tuple[str, Loader]]) -> tuple[int, int]:
        registered, (name, func) = item
        config = apps.get_containing_app_config(func.__module__)
        if config is None:
            raise LookupError(f"The demo loader {name!r} is not in an installed app.")
        return position[config.name], registered

    return [item for _registered, item in sorted(enumerate(_loaders.items()), key=app_position)]


@transaction.atomic
def load_all() -> None:
    """Load every area's demo data, lowest layer first, in one transaction."""
    for _name, load in loaders():
        load()
