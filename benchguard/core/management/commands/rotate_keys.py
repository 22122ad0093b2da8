"""`benchguard rotate-keys`: re-encrypt every encrypted field under the first of
FIELD_ENCRYPTION_KEYS and recompute every blind index under BLIND_INDEX_KEY, in batches,
resumable and audited (docs/backup.md, "Rotating the keys")."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from benchguard.core.keyrotation import RotationError, pending, rotate_keys


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field and recompute every blind index under the current keys."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500, help="rows per transaction (default 500)")
        parser.add_argument(
            "--max-batches",
            type=int,
            default=None,
            help="stop after this many batches; the next run continues where this one stopped",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["batch_size"] < 1:
            raise CommandError(_("--batch-size must be at least 1."))
        try:
            report = rotate_keys(
                batch_size=options["batch_size"],
                max_batches=options["max_batches"],
                say=lambda text: self.stdout.write(text),
            )
        except RotationError as exc:
            raise CommandError(str(exc)) from None
        if report.finished:
            self.stdout.write(
                self.style.SUCCESS(
                    _(
                        "Key rotation %(rotation)s finished: every encrypted field and blind index "
                        "is under the current keys. Remove the old keys (the later FIELD_ENCRYPTION_KEY "
                        "entries and BLIND_INDEX_KEY_PREVIOUS) and restart."
                    )
                    % {"rotation": report.rotation}
                )
            )
        else:
            self.stdout.write(
                _(
                    "Key rotation %(rotation)s paused; still to do: %(models)s. "
                    "Run the command again to continue."
                )
                % {"rotation": report.rotation, "models": ", ".join(pending())}
            )
