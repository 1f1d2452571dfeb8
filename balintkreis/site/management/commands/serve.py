import logging
import os
import secrets
import sys
from typing import Any

from django.core.management import get_commands
from django.core.management.base import BaseCommand, CommandParser

from balintkreis.core import supervisor


def _release_worker_tasks(component: supervisor.Component) -> None:
    """Put back the task rows the dead worker left RUNNING (and stuck mails)."""
    import datetime

    from django.db import close_old_connections
    from django.utils import timezone

    from balintkreis.notifications import delivery, taskrows

    close_old_connections()
    logger = logging.getLogger("balintkreis.serve")
    released = taskrows.release_lost(worker_id=component.extra["worker_id"])
    if released:
        logger.warning("serve: %s task(s) of the dead worker put back", released)
    # The embedded mode has one worker, and only workers send mail: a row
    # still "sending" was the dead worker's. Sent again at once (at most one
    # duplicate, same Message-ID) instead of after the sending timeout.
    mails = delivery.release_stuck(
        now=timezone.now() + datetime.timedelta(seconds=1),
        timeout=datetime.timedelta(0),
    )
    if mails:
        logger.warning("serve: %s mail(s) the dead worker was sending released", mails)
    # A fresh id per start, so the rows of this run are told apart.
    component.extra["worker_id"] = _worker_id()
    component.command[-1] = component.extra["worker_id"]


def _worker_id() -> str:
    return f"serve-{os.getpid()}-{secrets.token_hex(4)}"


class Command(BaseCommand):
    help = (
        "Run the web server (gunicorn), the task worker and the scheduler "
        "together and restart any of them that dies (make run)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")
        parser.add_argument(
            "--workers",
            type=int,
            default=int(os.environ.get("WEB_WORKERS", "2")),
            help="gunicorn processes (WEB_WORKERS, default 2)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=int(os.environ.get("WEB_THREADS", "8")),
            help="threads per gunicorn process (WEB_THREADS, default 8)",
        )
        parser.add_argument(
            "--backlog",
            type=int,
            default=int(os.environ.get("WEB_BACKLOG", "2048")),
            help="listen queue of the web server (WEB_BACKLOG, default 2048)",
        )

    def handle(
        self,
        *args: Any,
        host: str,
        port: str,
        workers: int,
        threads: int,
        backlog: int,
        **options: Any,
    ) -> None:
        logging.getLogger("balintkreis.serve").setLevel(logging.INFO)
        manage = [sys.executable, "manage.py"]
        worker_id = _worker_id()
        components = [
            supervisor.Component(
                "web",
                supervisor.web_command(
                    host=host,
                    port=port,
                    workers=workers,
                    threads=threads,
                    backlog=backlog,
                ),
            ),
            supervisor.Component(
                "worker",
                manage + ["db_worker", "--interval", "1", "--worker-id", worker_id],
                on_exit=_release_worker_tasks,
                extra={"worker_id": worker_id},
            ),
        ]
        if "scheduler" in get_commands():
            components.append(supervisor.Component("scheduler", manage + ["scheduler"]))
        self.stdout.write(
            f"Balintkreis läuft auf http://{host}:{port}/ (Strg+C beendet)"
        )
        self.stdout.flush()
        supervisor.Supervisor(components).run()
