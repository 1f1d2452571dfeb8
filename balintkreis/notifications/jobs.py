"""The periodic jobs of all apps, from their ``AppConfig.scheduled_jobs()``
hooks (core/hooks.py), in INSTALLED_APPS order: job id -> (task path,
crontab). ``manage.py scheduler`` runs them (scheduler.py)."""

from balintkreis.core.hooks import ScheduledJob, contributions


def collected() -> dict[str, tuple[str, str]]:
    """Job id -> (task path, crontab) of every installed app."""
    found: dict[str, tuple[str, str]] = {}
    for _config, scheduled_jobs in contributions("scheduled_jobs"):
        entry: ScheduledJob
        for entry in scheduled_jobs():
            if entry.id in found:
                raise ValueError(f"scheduled job {entry.id!r} declared twice")
            found[entry.id] = (entry.task, entry.crontab)
    return found
