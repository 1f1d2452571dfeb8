"""The periodic jobs of all apps, from their ``AppConfig.scheduled_jobs``.

``settings.SCHEDULED_JOBS`` is a ``CollectedJobs``: a mapping job id ->
(task path, crontab) read lazily (after the app registry is ready) from the
apps' ``scheduled_jobs()`` hooks (core/hooks.py), in INSTALLED_APPS order.
Tests may replace the setting with a plain dict of the same shape.
"""

from collections.abc import Iterator, Mapping

from balintkreis.core.hooks import ScheduledJob, app_configs_with


def collected() -> dict[str, tuple[str, str]]:
    """Job id -> (task path, crontab) of every installed app."""
    found: dict[str, tuple[str, str]] = {}
    for config in app_configs_with("scheduled_jobs"):
        entry: ScheduledJob
        for entry in config.scheduled_jobs():  # type: ignore[attr-defined]
            if entry.id in found:
                raise ValueError(f"scheduled job {entry.id!r} declared twice")
            found[entry.id] = (entry.task, entry.crontab)
    return found


class CollectedJobs(Mapping[str, tuple[str, str]]):
    """A read-only view of ``collected()`` (settings cannot load apps)."""

    def _jobs(self) -> dict[str, tuple[str, str]]:
        return collected()

    def __getitem__(self, job: str) -> tuple[str, str]:
        return self._jobs()[job]

    def __iter__(self) -> Iterator[str]:
        return iter(self._jobs())

    def __len__(self) -> int:
        return len(self._jobs())

    def __repr__(self) -> str:
        return "CollectedJobs(from AppConfig.scheduled_jobs)"
