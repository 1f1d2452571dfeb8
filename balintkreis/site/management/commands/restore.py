from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from balintkreis.core import backup
from balintkreis.notifications import review


class Command(BaseCommand):
    help = (
        "Restore a backup of the embedded mode (stop the server first). Mail "
        "that was pending or being sent at backup time is held for review "
        "(manage.py outbox_review)."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("source", help="backup directory or file.tar.gz")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="replace an existing database (kept as *.before-restore-*)",
        )

    def handle(self, *args: Any, source: str, replace: bool, **options: Any) -> None:
        connections.close_all()
        try:
            manifest = backup.restore(Path(source), replace=replace)
        except backup.BackupError as error:
            raise CommandError(str(error)) from None
        held = review.hold_unsent()
        connections.close_all()
        self.stdout.write(
            f"Sicherung vom {manifest['created_at']} wiederhergestellt "
            f"({sum(manifest['counts'].values())} Zeilen)."
        )
        if held:
            self.stdout.write(
                f"{held} E-Mail(s) waren beim Sichern noch nicht sicher versandt "
                "und werden zurückgehalten: prüfen mit "
                "'manage.py outbox_review', senden mit "
                "'manage.py outbox_review --send-all'."
            )
