"""Dates and times as people see them: always in ``settings.TIME_ZONE``
(Europe/Berlin), never in UTC, wherever they are shown, printed, mailed or
exported (issue 12 item 7). Templates convert by themselves (``USE_TZ``);
Python code that formats a datetime goes through these helpers.
"""

import datetime

from django.utils import timezone


def local(value: datetime.datetime) -> datetime.datetime:
    """The datetime in ``settings.TIME_ZONE`` whatever time zone is active;
    naive values are left alone."""
    if not timezone.is_aware(value):
        return value
    return timezone.localtime(value, timezone.get_default_timezone())


def local_iso(value: datetime.date | datetime.datetime | None) -> str | None:
    """ISO 8601 for exports: local time with its offset (``…T18:00:00+01:00``)."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        value = local(value)
    return value.isoformat()
