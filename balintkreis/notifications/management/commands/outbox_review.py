from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from balintkreis.notifications.models import OutboxEmail


class Command(BaseCommand):
    help = (
        "List the e-mails held for review after a restore; --send ID … or "
        "--send-all releases them to the outbox, --discard ID … marks them failed."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--send", nargs="+", type=int, default=[], metavar="ID")
        parser.add_argument("--send-all", action="store_true")
        parser.add_argument("--discard", nargs="+", type=int, default=[], metavar="ID")

    def handle(
        self,
        *args: object,
        send: list[int],
        send_all: bool,
        discard: list[int],
        **options: object,
    ) -> None:
        held = OutboxEmail.objects.filter(status=OutboxEmail.Status.REVIEW)
        if send or send_all:
            rows = held if send_all else held.filter(pk__in=send)
            count = rows.update(
                status=OutboxEmail.Status.PENDING,
                next_attempt_at=timezone.now(),
                last_error="released for sending after review",
            )
            self.stdout.write(f"{count} E-Mail(s) zum Versand freigegeben.")
        if discard:
            count = held.filter(pk__in=discard).update(
                status=OutboxEmail.Status.FAILED,
                last_error="discarded after review (already sent before the restore)",
            )
            self.stdout.write(f"{count} E-Mail(s) verworfen.")
        if not (send or send_all or discard):
            for email in held.order_by("pk"):
                self.stdout.write(
                    f"{email.pk}\t{email.created_at:%Y-%m-%d %H:%M}\t{email.to}\t"
                    f"{email.subject}"
                )
            self.stdout.write(f"{held.count()} E-Mail(s) zurückgehalten.")
