"""The embedded mode (``manage.py serve``, i.e. ``make run``) in a subprocess.

Issue 16 items 1 and 2: 64 simultaneous requests get no connection reset
(runserver's listen queue of 10 reset 18–28 of 50), and a worker or scheduler
killed with SIGKILL is restarted while the site keeps serving; only SIGTERM
(or Ctrl+C) stops everything.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.embedded import (
    ROOT,
    env_for,
    free_port,
    http_status,
    manage,
    migrated_var_dir,
    wait_until,
)

BURST = 64


class Serve:
    def __init__(self, var_dir):
        self.var_dir = var_dir
        self.port = free_port()
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
            ],
            cwd=ROOT,
            env=env_for(var_dir, LOG_LEVEL="INFO"),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip())

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def pid_of(self, name):
        pids = [
            int(m.group(1))
            for line in list(self.lines)
            if (m := re.search(rf"serve: {name} started \(pid (\d+)\)", line))
        ]
        return pids[-1] if pids else None

    def log(self):
        return "\n".join(self.lines[-60:])

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.reader.join(timeout=5)
        self.process.stdout.close()


@pytest.fixture(scope="module")
def serve(tmp_path_factory):
    server = Serve(migrated_var_dir(tmp_path_factory.mktemp("serve")))
    try:
        wait_until(
            lambda: http_status(server.url("/healthz/")) == 200,
            seconds=90,
            message="serve did not answer",
        )
        yield server
    finally:
        server.close()


def _one_request(port, path, barrier, outcomes):
    barrier.wait()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        outcomes.append(response.status)
    except (ConnectionResetError, ConnectionRefusedError, BrokenPipeError) as error:
        outcomes.append(type(error).__name__)
    except OSError as error:
        outcomes.append(f"OSError: {error}")
    finally:
        connection.close()


def test_64_simultaneous_requests_get_no_connection_reset(serve):
    for path in ("/gruppen/", "/healthz/ready/"):
        barrier = threading.Barrier(BURST)
        outcomes: list = []
        threads = [
            threading.Thread(
                target=_one_request, args=(serve.port, path, barrier, outcomes)
            )
            for _ in range(BURST)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert len(outcomes) == BURST
        errors = [o for o in outcomes if o != 200]
        assert errors == [], f"{path}: {len(errors)} of {BURST} failed: {errors[:5]}"


LEFT_BEHIND = """
import uuid
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from balintkreis.notifications.models import OutboxEmail
OutboxEmail.objects.create(key="mid-send", to="a@example.org", subject="S",
    body_text="T", status="sending", claimed_at=timezone.now(), claim_token="x")
DBTaskResult.objects.create(id=uuid.uuid4(), status="RUNNING",
    started_at=timezone.now(), worker_ids=["WORKER"], args_kwargs={"args": [],
    "kwargs": {}}, task_path="balintkreis.notifications.tasks.flush_outbox",
    backend_name="default", queue_name="default", run_after=timezone.now())
"""

STATE = """
from django_tasks_db.models import DBTaskResult
from balintkreis.notifications.models import OutboxEmail
print(OutboxEmail.objects.get(key="mid-send").status,
      DBTaskResult.objects.filter(status="RUNNING").count())
"""


def _worker_id(pid):
    args = Path(f"/proc/{pid}/cmdline").read_text().split("\0")
    return args[args.index("--worker-id") + 1]


def test_killed_worker_and_scheduler_are_restarted(serve):
    env = env_for(serve.var_dir)
    wait_until(lambda: serve.pid_of("worker"), seconds=30, message="worker")
    # What a worker killed mid-send leaves behind: a mail "sending" and its
    # task row RUNNING. Both are released when the supervisor sees it die.
    worker_id = _worker_id(serve.pid_of("worker"))
    manage(env, "shell", "-c", LEFT_BEHIND.replace("WORKER", worker_id))
    for name in ("worker", "scheduler"):
        wait_until(lambda name=name: serve.pid_of(name), seconds=30, message=name)
        old = serve.pid_of(name)
        os.kill(old, signal.SIGKILL)
        wait_until(
            lambda name=name, old=old: serve.pid_of(name) not in (None, old),
            seconds=30,
            message=f"{name} not restarted:\n{serve.log()}",
        )
        new = serve.pid_of(name)
        assert any(
            f"{name} (pid {old}) exited with code -9; restarting in" in line
            for line in serve.lines
        ), serve.log()
        os.kill(new, 0)  # the new process runs
        assert serve.process.poll() is None
        assert http_status(serve.url("/healthz/")) == 200
    # The restarted worker sent the released mail (console backend) and ran
    # the task again; nothing is left RUNNING or "sending".
    wait_until(
        lambda: manage(env, "shell", "-c", STATE).split()[-2:] == ["sent", "0"],
        seconds=60,
        message=f"left-behind rows not released:\n{serve.log()}",
    )


def test_sigterm_stops_everything(tmp_path):
    server = Serve(migrated_var_dir(tmp_path / "var"))
    try:
        wait_until(
            lambda: (
                http_status(server.url("/healthz/")) == 200
                and server.pid_of("worker")
                and server.pid_of("scheduler")
            ),
            seconds=90,
            message="serve did not start",
        )
        children = [server.pid_of(n) for n in ("web", "worker", "scheduler")]
        server.process.send_signal(signal.SIGTERM)
        assert server.process.wait(timeout=40) == 0
    finally:
        server.close()
    time.sleep(0.5)
    for pid in children:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert http_status(server.url("/healthz/")) is None
