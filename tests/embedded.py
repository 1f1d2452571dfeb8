"""Helpers for tests that run the embedded mode in subprocesses: a migrated
SQLite database in a temporary var directory, free ports, the environment."""

import atexit
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_TEMPLATE: Path | None = None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def env_for(var_dir: Path, **extra: str) -> dict:
    """The embedded mode (SQLite, database cache) in ``var_dir``."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in (
            "DATABASE_URL",
            "REDIS_URL",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "SQLITE_PATH",
            "SECRET_KEY",
            "FIELD_ENCRYPTION_KEY",
        )
    }
    env.update(
        BALINTKREIS_VAR_DIR=str(var_dir),
        PYTHONPATH=str(ROOT),
        DEBUG="false",
        STATIC_MANIFEST="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        EMAIL_URL="console:",
        MFA_REQUIRED_FOR_STAFF="false",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


def manage(env: dict, *args: str, timeout: int = 300) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def migrated_var_dir(dest: Path) -> Path:
    """``dest`` with a migrated database, the cache table and its own keys
    (migrated once per test run, then copied)."""
    global _TEMPLATE
    if _TEMPLATE is None:
        template = Path(tempfile.mkdtemp(prefix="bk-embedded-"))
        atexit.register(shutil.rmtree, template, ignore_errors=True)
        env = env_for(template)
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "createcachetable")
        _TEMPLATE = template
    dest.mkdir(parents=True, exist_ok=True)
    for path in _TEMPLATE.iterdir():
        if path.is_file():
            shutil.copy2(path, dest / path.name)
    return dest


def http_status(url: str, timeout: float = 2) -> int | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def wait_until(condition, *, seconds: float, message: str = "") -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"not reached in {seconds} s: {message}")
