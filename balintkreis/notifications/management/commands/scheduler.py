from typing import Any

from django.core.management.base import BaseCommand

from balintkreis.notifications import scheduler


class Command(BaseCommand):
    help = "Enqueue periodic tasks (outbox flush, offer expiry, reminders)."

    def handle(self, *args: Any, **options: Any) -> None:
        # Each job caught up is logged (WARNING) by catch_up itself.
        scheduler.catch_up()
        jobs = scheduler.build()
        # One line at start; the job list only with -v 2.
        self.stdout.write(f"scheduler: {len(jobs.get_jobs())} jobs")
        if options["verbosity"] > 1:
            for job in jobs.get_jobs():
                self.stdout.write(f"{job.id}: {job.trigger}")
        try:
            jobs.start()
        except (KeyboardInterrupt, SystemExit):
            jobs.shutdown(wait=False)
