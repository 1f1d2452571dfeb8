from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from balintkreis.core import backup


class Command(BaseCommand):
    help = (
        "Back up the embedded mode (SQLite online backup, keys in var/, media) "
        "into a new directory or a .tar.gz archive."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("destination", help="new directory or file.tar.gz")

    def handle(self, *args: Any, destination: str, **options: Any) -> None:
        try:
            path = backup.backup(Path(destination))
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Sicherung geschrieben: {path}")
        self.stdout.write(
            "Enthält den Schlüssel für EFNs und VNR-Passwörter: sicher aufbewahren."
        )
