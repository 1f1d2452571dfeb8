from django_tasks import task

from balintkreis.core import personal_data


@task()
def purge_expired_data() -> int:
    """Retention (DOMAIN.md R11), enqueued daily by the scheduler; returns the
    rows touched (per app in the audit event core.retention.purged)."""
    return sum(personal_data.purge_expired().values())
