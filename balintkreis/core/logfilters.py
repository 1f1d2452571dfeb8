"""Logging filters named in settings.LOGGING (docs/logging.md).

``AtLeast`` keeps a library quiet whose command sets its own logger to INFO
(django_tasks' ``db_worker`` does, whatever LOGGING says). ``OneLineClientErrors``
drops the traceback Django attaches to a 4xx: a refused request (403) or a
missing page (404) is an expected answer, not a fault; a 500 keeps it.
"""

import logging


class AtLeast(logging.Filter):
    def __init__(self, level: str | int = logging.WARNING) -> None:
        super().__init__()
        names = logging.getLevelNamesMapping()
        self.level = level if isinstance(level, int) else names[level]

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= self.level


class OneLineClientErrors(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
        return True
