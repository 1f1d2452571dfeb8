from django_tasks import task

from balintkreis.core import personal_data


@task()
def purge_expired_data() -> dict[str, int]:
    """Retention (DOMAIN.md R11): enqueued daily by the scheduler."""
    return personal_data.purge_expired()
