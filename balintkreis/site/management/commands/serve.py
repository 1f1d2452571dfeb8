import http.client
import logging
import os
import secrets
import sys
import time
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


class _Ready:
    """True once the web server answers its health check and the other
    children had ``GRACE`` seconds to print their start-up lines."""

    GRACE = 2.0

    def __init__(self, host: str, port: str) -> None:
        self.host = host
        self.port = port
        self.answered_at: float | None = None

    def __call__(self) -> bool:
        if self.answered_at is None:
            # Any answer counts: with production's ALLOWED_HOSTS or an HTTPS
            # redirect the health check may answer 400 or 301 here.
            connection = http.client.HTTPConnection(self.host, self.port, timeout=0.5)
            try:
                connection.request("GET", "/healthz/")
                connection.getresponse().read()
            except OSError:
                return False
            finally:
                connection.close()
            self.answered_at = time.monotonic()
        return time.monotonic() - self.answered_at >= self.GRACE


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
        local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        address = f"http://{local}:{port}/"
        self.stdout.write(f"Balintkreis startet auf {address} …")
        self.stdout.flush()

        def announce() -> None:
            self.stdout.write(f"\nBalintkreis läuft auf {address} (Strg+C beendet)")
            self._print_demo_logins()
            self.stdout.flush()

        supervisor.Supervisor(
            components, ready=_Ready(local, port), on_ready=announce
        ).run()

    def _print_demo_logins(self) -> None:
        """The demo log-ins, last on the screen (make run), if the demo is loaded."""
        from django.contrib.auth import get_user_model
        from django.db import close_old_connections

        from balintkreis.accounts.demo import LOGINS, PASSWORD

        close_old_connections()
        if not get_user_model().objects.filter(email=LOGINS[0][1]).exists():
            return
        self.stdout.write(f"Demo-Zugänge (Passwort für alle: {PASSWORD}):")
        for role, email in LOGINS:
            self.stdout.write(f"  {role:<28} {email}")
