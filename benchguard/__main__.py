"""`benchguard …` — the operator's command line, a thin wrapper around manage.py.

An operator types `benchguard migrate`, `benchguard worker` or `benchguard verify-audit`
without knowing that Django sits underneath.
"""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchguard.config.settings")
    from django.core.management import execute_from_command_line

    args = list(argv if argv is not None else sys.argv[1:])
    if args and not args[0].startswith("-"):
        # Operators type `benchguard verify-audit`; Django's command is verify_audit.
        args[0] = args[0].replace("-", "_")
    execute_from_command_line(["benchguard", *args])


if __name__ == "__main__":
    main()
