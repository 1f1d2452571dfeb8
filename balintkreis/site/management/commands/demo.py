from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from balintkreis.accounts.demo import LOGINS, PASSWORD
from balintkreis.core import hooks
from balintkreis.groups.models import BalintGroup


class Command(BaseCommand):
    """The site layer orchestrates the demo: every app that declares a
    ``demo`` hook on its AppConfig (core/hooks.py) loads its part, in the
    order of INSTALLED_APPS (lower layers first). Each ``load()`` is
    idempotent."""

    help = "Load invented demo data (idempotent) and print the demo log-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds groups.",
        )

    def handle(self, *args: Any, if_empty: bool = False, **options: Any) -> None:
        if if_empty and BalintGroup.objects.exists():
            self.stdout.write("Demo data already present.")
        else:
            with transaction.atomic():
                for _config, load in hooks.contributions("demo"):
                    load(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))

        self.stdout.write(f"\nDemo log-ins (password for all: {PASSWORD}):")
        for role, email in LOGINS:
            self.stdout.write(f"  {role:<28} {email}")
