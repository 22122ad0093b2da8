"""`benchguard backup --out FILE`: the database, every uploaded file and a manifest in
one encrypted archive (docs/backup.md)."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from benchguard.core import sealed
from benchguard.core.backup import BackupError, backup_key, write_backup


class Command(BaseCommand):
    help = "Write an encrypted backup of the database and the uploaded files."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--out", metavar="FILE", help="the archive to write (replaced only when complete)"
        )
        parser.add_argument(
            "--key-file", metavar="FILE", help="the backup key (else BACKUP_KEY / BACKUP_KEY_FILE)"
        )
        parser.add_argument(
            "--work-dir",
            metavar="DIR",
            help="where the database dump is staged (default: the system's temp folder)",
        )
        parser.add_argument(
            "--generate-key",
            action="store_true",
            help="print a new backup key and exit (keep it safe, apart)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate_key"]:
            self.stdout.write(sealed.generate_key())
            return
        if not options["out"]:
            raise CommandError(_("Name the archive to write with --out FILE."))
        out = Path(options["out"])
        if out.is_dir():
            raise CommandError(_("%(path)s is a folder: name a file.") % {"path": out})
        media = Path(settings.MEDIA_ROOT).resolve()
        if out.resolve().is_relative_to(media):
            raise CommandError(
                _("Write the archive outside MEDIA_ROOT (%(media)s): the next backup would hold it.")
                % {"media": media}
            )
        try:
            written = write_backup(out, key=backup_key(options["key_file"]), work_dir=options["work_dir"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        manifest = written.manifest
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backup written to %(path)s (%(size)s bytes): %(tables)s tables, %(rows)s rows, "
                    "%(files)s files, audit head %(head)s; manifest SHA-256 %(digest)s"
                )
                % {
                    "path": written.path,
                    "size": written.size,
                    "tables": len(manifest["tables"]),
                    "rows": sum(manifest["tables"].values()),
                    "files": len(manifest["members"]) - 1,
                    "head": manifest["audit_head"]["last_hash"],
                    "digest": written.manifest_sha256,
                }
            )
        )
