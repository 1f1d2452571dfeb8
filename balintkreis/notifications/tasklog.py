"""One log line per task that changed something (docs/logging.md).

The worker's own lines (every task started and finished) are filtered out in
settings.LOGGING; a task whose count is positive is logged here at INFO, an
empty run not at all. A failed task is still logged by django_tasks (ERROR,
with the traceback). ``send_email`` returns a bool and is logged by
``delivery`` itself.
"""

import logging

from django_tasks import TaskResult, TaskResultStatus

logger = logging.getLogger("balintkreis.tasks")


def log_finished(sender: object, task_result: TaskResult, **kwargs: object) -> None:
    if task_result.status != TaskResultStatus.SUCCESSFUL:
        return
    value = task_result.return_value
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        logger.info("task %s: %s", task_result.task.name, value)
