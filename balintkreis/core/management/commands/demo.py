from importlib import import_module

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

# The composition root for demo data: each app's demo module, in the order of
# DESIGN.md's dependency direction. Each ``load()`` is idempotent.
DEMO_MODULES = [
    "balintkreis.accounts.demo",
    "balintkreis.groups.demo",
    "balintkreis.meetings.demo",
    "balintkreis.online.demo",
    "balintkreis.feedback.demo",
    "balintkreis.cme.demo",
    "balintkreis.mentoring.demo",
]


class Command(BaseCommand):
    help = "Load invented demo data (idempotent) and print the demo log-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when the database already holds groups.",
        )

    def handle(self, *args: object, if_empty: bool = False, **options: object) -> None:
        from balintkreis.groups.models import BalintGroup

        if if_empty and BalintGroup.objects.exists():
            self.stdout.write("Demo data already present.")
        else:
            with transaction.atomic():
                for name in DEMO_MODULES:
                    try:
                        module = import_module(name)
                    except ModuleNotFoundError:
                        continue
                    module.load(stdout=self.stdout)
            self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        from balintkreis.accounts.demo import LOGINS, PASSWORD

        self.stdout.write(f"\nDemo log-ins (password for all: {PASSWORD}):")
        for role, email in LOGINS:
            self.stdout.write(f"  {role:<28} {email}")
