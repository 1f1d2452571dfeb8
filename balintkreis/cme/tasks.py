"""Background tasks of cme, enqueued by the scheduler (see cme/README.md)."""

from django_tasks import task

from balintkreis.cme import deadlines


@task()
def send_report_reminders() -> int:
    """Remind leaders 48 h before a chamber report deadline; run hourly."""
    return deadlines.send_reminders()
