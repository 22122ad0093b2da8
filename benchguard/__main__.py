"""`benchguard …` — the operator's command line, a thin wrapper around manage.py.

An operator types `benchguard migrate`, `benchguard worker` or `benchguard verify-audit`
without knowing that Django sits underneath.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchguard.config.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 — reads the environment once, here
    except ImproperlyConfigured as exc:
        # A missing secret or a malformed variable: one line naming it, not a traceback
        # (and not Django's "Unknown command" that follows a broken configuration).
        sys.stderr.write(f"benchguard: configuration error: {exc}\n")
        raise SystemExit(2) from None

    args = list(argv if argv is not None else sys.argv[1:])
    if args and not args[0].startswith("-"):
        # Operators type `benchguard verify-audit`; Django's command is verify_audit.
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["benchguard", *args])


if __name__ == "__main__":
    main()
