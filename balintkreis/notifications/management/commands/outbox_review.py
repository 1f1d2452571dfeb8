from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from balintkreis.notifications import review
from balintkreis.notifications.models import OutboxEmail


class Command(BaseCommand):
    help = (
        "List the e-mails held for review after a restore. --send ID … or "
        "--send-all releases them to the outbox, --discard ID … marks them "
        "failed; --hold-unsent holds pending/sending mail (after pg_restore)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--send", nargs="+", type=int, default=[], metavar="ID")
        parser.add_argument("--send-all", action="store_true")
        parser.add_argument("--discard", nargs="+", type=int, default=[], metavar="ID")
        parser.add_argument("--hold-unsent", action="store_true")

    def handle(
        self,
        *args: Any,
        send: list[int],
        send_all: bool,
        discard: list[int],
        hold_unsent: bool,
        **options: Any,
    ) -> None:
        if hold_unsent:
            count = review.hold_unsent()
            self.stdout.write(f"{count} E-Mail(s) zur Prüfung zurückgehalten.")
        if send or send_all:
            count = review.release(ids=None if send_all else send)
            self.stdout.write(f"{count} E-Mail(s) zum Versand freigegeben.")
        if discard:
            count = review.discard(ids=discard)
            self.stdout.write(f"{count} E-Mail(s) verworfen.")
        held = OutboxEmail.objects.filter(status=OutboxEmail.Status.REVIEW)
        for email in held.order_by("pk"):
            self.stdout.write(
                f"{email.pk}\t{email.created_at:%Y-%m-%d %H:%M}\t{email.to}\t"
                f"{email.subject}"
            )
        self.stdout.write(f"{held.count()} E-Mail(s) zurückgehalten.")
