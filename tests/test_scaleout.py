"""Scale-out: two app servers and two task workers on one PostgreSQL and Redis.

Started with the commands of docs/deployment.md (gunicorn, db_worker). Fifty
people apply at the same moment through both servers for three free places:
exactly three hold places, the others wait in arrival order, and every e-mail
reaches the SMTP server (aiosmtpd, in this process) exactly once.
"""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKER = "balintkreis.groups.tests.concurrency_worker"
PG_URL = os.environ.get("DATABASE_URL", "")
PORTS = (8771, 8772)
SMTP_PORT = 8725
CSRF = "scaleoutcsrfsecret0123456789abcd"

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not PG_URL.startswith("postgres"),
        reason="scale-out needs DATABASE_URL=postgres://… (make test-postgres)",
    ),
]


def _db_url() -> str:
    parsed = urllib.parse.urlparse(PG_URL)
    return parsed._replace(path="/balintkreis_scaleout").geturl()


def _run(env, *args):
    result = subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd API)
        self.messages.append(envelope.content.decode("utf-8", "replace"))
        return "250 Message accepted"


@pytest.fixture
def smtp_inbox():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=SMTP_PORT)
    controller.start()
    yield inbox
    controller.stop()


@pytest.fixture
def cluster(tmp_path, smtp_inbox):
    db_url = _db_url()
    admin = urllib.parse.urlparse(PG_URL)._replace(path="/postgres").geturl()
    for sql in (
        "DROP DATABASE IF EXISTS balintkreis_scaleout",
        "CREATE DATABASE balintkreis_scaleout",
    ):
        subprocess.run(["psql", admin, "-qc", sql], check=True, capture_output=True)
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DATABASE_URL": db_url,
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13"),
        "EMAIL_URL": f"smtp://127.0.0.1:{SMTP_PORT}",
        "SECRET_KEY": "scale-out-shared-secret-key-" + "x" * 30,
        "FIELD_ENCRYPTION_KEY": "scale-out-field-key",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{PORTS[0]}",
        "BALINTKREIS_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
        "DEBUG": "false",
        "STATIC_MANIFEST": "false",
    }
    _run(env, "manage.py", "migrate", "--noinput", "-v", "0")
    _run(env, "manage.py", "createcachetable")
    setup = json.loads(
        _run(env, "-m", WORKER, "setup", "--free", "3", "--applicants", "50")
    )
    sessions = json.loads(
        _run(env, "tests/scaleout_sessions.py", ",".join(map(str, setup["users"])))
    )
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "balintkreis.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                "2",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        for port in PORTS
    ] + [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(2)
    ]
    try:
        for port in PORTS:
            _wait_until(lambda port=port: _get(port, "/healthz/") == 200, seconds=60)
        yield env, setup, sessions
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=30)


def _get(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2) as r:
            return r.status
    except (OSError, urllib.error.URLError):
        return None


def _wait_until(condition, *, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("condition not reached in time")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _apply(port, session, start_at, results):
    opener = urllib.request.build_opener(_NoRedirect)
    body = urllib.parse.urlencode({"message": "", "confidentiality": "on"}).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/gruppen/rennen/anmelden/",
        data=body,
        headers={
            "Cookie": f"sessionid={session}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
        },
    )
    time.sleep(max(start_at - time.time(), 0))
    try:
        with opener.open(request, timeout=60) as response:
            results.append(response.status)
    except urllib.error.HTTPError as error:
        results.append(error.code)


def test_two_servers_two_workers_no_overbooking_and_mail_once(cluster, smtp_inbox):
    env, setup, sessions = cluster
    start_at = time.time() + 2
    results = []
    threads = [
        threading.Thread(
            target=_apply, args=(PORTS[i % 2], sessions[str(pk)], start_at, results)
        )
        for i, pk in enumerate(setup["users"])
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [302] * 50  # everybody redirected to "Meine Gruppen"

    state = json.loads(_run(env, "-m", WORKER, "check", "--group", str(setup["group"])))
    statuses = [row["status"] for row in state["applications"]]
    assert len(statuses) == 50
    assert statuses[:3] == ["pending"] * 3
    assert statuses[3:] == ["waiting"] * 47
    assert [row["waiting_rank"] for row in state["applications"][3:]] == list(
        range(1, 48)
    )
    assert state["free_places"] == 0

    outbox = json.loads(_run(env, "-c", _OUTBOX_STATE))
    assert outbox["total"] >= 50  # at least one confirmation per applicant
    _wait_until(
        lambda: json.loads(_run(env, "-c", _OUTBOX_STATE))["sent"] == outbox["total"],
        seconds=120,
    )
    keys = [
        line.split(":", 1)[1].strip()
        for message in smtp_inbox.messages
        for line in message.splitlines()
        if line.startswith("X-Balintkreis-Key:")
    ]
    assert len(smtp_inbox.messages) == outbox["total"]
    assert len(set(keys)) == len(keys) == outbox["total"]  # each exactly once


_OUTBOX_STATE = """
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")
django.setup()
from balintkreis.notifications.models import OutboxEmail
print(json.dumps({
    "total": OutboxEmail.objects.count(),
    "sent": OutboxEmail.objects.filter(status="sent").count(),
}))
"""
