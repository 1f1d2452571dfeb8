"""The embedded mode's supervisor (``manage.py serve``, ``make run``).

Runs the web server (gunicorn with threads), the task worker and the scheduler
as child processes. A child that dies is started again after a back-off (1, 2,
4, … seconds, at most ``MAX_BACKOFF``; back to 1 s once it ran for a minute)
with a log line; only SIGINT (Ctrl+C) or SIGTERM stops everything.
"""

import logging
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

logger = logging.getLogger("balintkreis.serve")

MAX_BACKOFF = 30.0
STABLE_AFTER = 60.0


@dataclass
class Component:
    name: str
    command: list[str]
    # Called with the component after its process died (before the restart).
    on_exit: Callable[["Component"], None] | None = None
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    failures: int = 0
    restart_at: float | None = None
    restarts: int = 0
    extra: dict = field(default_factory=dict)


def web_command(
    *, host: str, port: str | int, workers: int, threads: int, backlog: int
) -> list[str]:
    """gunicorn with gthread workers: each process serves ``threads`` requests at
    once and queues further connections in its listen backlog instead of
    resetting them (runserver's queue held 10)."""
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "balintkreis.wsgi",
        "--bind",
        f"{host}:{port}",
        "--worker-class",
        "gthread",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--backlog",
        str(backlog),
        "--timeout",
        "60",
        "--graceful-timeout",
        "10",
        "--keep-alive",
        "5",
        "--max-requests",
        "5000",
        "--max-requests-jitter",
        "500",
        "--no-control-socket",
    ]


class Supervisor:
    def __init__(
        self,
        components: list[Component],
        *,
        ready: Callable[[], bool] | None = None,
        on_ready: Callable[[], None] | None = None,
    ) -> None:
        self.components = components
        self.stopping = False
        # ``on_ready`` runs once, in the loop, the first time ``ready()`` is
        # true: ``serve`` prints the address and the demo log-ins after the
        # children's start-up lines, where they stay visible.
        self.ready = ready
        self.on_ready = on_ready

    def _start(self, component: Component) -> None:
        component.process = subprocess.Popen(component.command)
        component.started_at = time.monotonic()
        component.restart_at = None
        logger.info("serve: %s started (pid %s)", component.name, component.process.pid)

    def request_stop(self, *_args: object) -> None:
        self.stopping = True

    def check(self, now: float | None = None) -> None:
        """Restart dead components whose back-off has passed (one loop step)."""
        now = time.monotonic() if now is None else now
        for component in self.components:
            process = component.process
            if component.restart_at is not None:
                if now >= component.restart_at and not self.stopping:
                    component.restarts += 1
                    self._start(component)
                continue
            if process is None or process.poll() is None:
                continue
            if now - component.started_at >= STABLE_AFTER:
                component.failures = 0
            delay = min(2.0**component.failures, MAX_BACKOFF)
            component.failures += 1
            logger.warning(
                "serve: %s (pid %s) exited with code %s; restarting in %.0f s",
                component.name,
                process.pid,
                process.returncode,
                delay,
            )
            if component.on_exit is not None:
                try:
                    component.on_exit(component)
                except Exception:
                    logger.exception("serve: clean-up after %s failed", component.name)
            component.restart_at = now + delay

    def stop(self) -> None:
        running = [
            c.process
            for c in self.components
            if c.process is not None and c.process.poll() is None
        ]
        for process in running:
            process.terminate()
        deadline = time.monotonic() + 15
        for process in running:
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def run(self, *, poll: float = 0.5) -> None:
        previous = {
            sig: signal.signal(sig, self.request_stop)
            for sig in (signal.SIGINT, signal.SIGTERM)
        }
        try:
            for component in self.components:
                self._start(component)
            announced = self.on_ready is None
            while not self.stopping:
                self.check()
                if not announced and (self.ready is None or self.ready()):
                    announced = True
                    self.on_ready()
                time.sleep(poll)
        finally:
            logger.info("serve: stopping")
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
