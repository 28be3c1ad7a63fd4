from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from helpers.backup import BackupError, backup_create


class Command(BaseCommand):
    requires_system_checks = []  # they open the database: on a fresh machine there is none yet
    help = "Write a backup of the database and the files (PRIVATE_MEDIA_ROOT, MEDIA_ROOT) to one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, help="the archive to write (default: var/backups/<time>.tar.gz)")

    def handle(self, *args, output, **options):
        if output is None:
            output = Path(settings.VAR_DIR) / "backups" / f"hamahang-{timezone.now():%Y%m%d-%H%M%S}.tar.gz"
        output.parent.mkdir(parents=True, exist_ok=True)
        try:
            backup_create(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(output))
