"""`benchguard restore FILE`: check an archive of `benchguard backup` against its
manifest, then restore it into an empty database and the file storage (docs/backup.md)."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from benchguard.core.backup import BackupError, backup_key, restore_backup


class Command(BaseCommand):
    help = "Restore an encrypted backup into an empty database."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("archive", metavar="FILE", help="an archive written by `benchguard backup`")
        parser.add_argument(
            "--key-file", metavar="FILE", help="the backup key (else BACKUP_KEY / BACKUP_KEY_FILE)"
        )
        parser.add_argument(
            "--work-dir",
            metavar="DIR",
            help="where the archive is unpacked and checked (needs its size free)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(_("%(path)s is not a file.") % {"path": archive})
        try:
            restored = restore_backup(
                archive, key=backup_key(options["key_file"]), work_dir=options["work_dir"]
            )
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = restored.manifest
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the backup of %(created)s: %(tables)s tables, %(rows)s rows and "
                    "%(files)s files match the manifest; audit head %(head)s; manifest SHA-256 %(digest)s. "
                    "Run `benchguard migrate` if this version has newer migrations."
                )
                % {
                    "created": manifest["created_at"],
                    "tables": restored.tables,
                    "rows": sum(manifest["tables"].values()),
                    "files": restored.files,
                    "head": manifest["audit_head"]["last_hash"],
                    "digest": restored.manifest_sha256,
                }
            )
        )
