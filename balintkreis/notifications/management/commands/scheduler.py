from typing import Any

from django.core.management.base import BaseCommand

from balintkreis.notifications import scheduler


class Command(BaseCommand):
    help = "Enqueue periodic tasks (outbox flush, offer expiry, reminders)."

    def handle(self, *args: Any, **options: Any) -> None:
        for job in scheduler.catch_up():
            self.stdout.write(f"{job}: verpassten Lauf nachgeholt")
        jobs = scheduler.build()
        for job in jobs.get_jobs():
            self.stdout.write(f"{job.id}: {job.trigger}")
        try:
            jobs.start()
        except (KeyboardInterrupt, SystemExit):
            jobs.shutdown(wait=False)
