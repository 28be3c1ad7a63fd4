from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from helpers.backup import BackupError, backup_restore


class Command(BaseCommand):
    requires_system_checks = []  # they open the database: on a fresh machine there is none yet
    help = (
        "Restore a backup written by `backup` into the configured database and folders (both empty, unless"
        " --replace), then apply any newer migrations."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--replace", action="store_true", help="overwrite a database and folders in use")

    def handle(self, *args, archive, replace, **options):
        if not archive.is_file():
            raise CommandError(f"No backup at {archive}.")
        try:
            manifest = backup_restore(archive_path=archive, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        call_command("migrate", verbosity=0, interactive=False)
        self.stdout.write(f"Restored the backup of {manifest['created']}.")
