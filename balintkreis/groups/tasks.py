"""Periodic group rules, enqueued by ``manage.py scheduler`` (SCHEDULED_JOBS)."""

from django_tasks import task

from balintkreis.groups import waiting_list


@task()
def expire_offers() -> int:
    return waiting_list.expire_offers()


@task()
def remind_expiring_offers() -> int:
    return waiting_list.remind_expiring_offers()


@task()
def fill_free_places() -> int:
    return waiting_list.fill_free_places()
