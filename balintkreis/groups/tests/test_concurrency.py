"""The invariant under load: 50 people apply at once for 3 free places.

Separate processes (PostgreSQL) or threads (SQLite, file database) run the
real rule against a database of their own, as several app servers would.
Exactly 3 get places, the other 47 wait in arrival order, nothing is lost and
nobody sees an error.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
WORKER = "balintkreis.groups.tests.concurrency_worker"
PG_URL = os.environ.get("DATABASE_URL", "")


def _run(env, *args, timeout=120):
    result = subprocess.run(
        [sys.executable, *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _prepare(env):
    _run(env, "manage.py", "migrate", "--noinput", "-v", "0")
    _run(env, "manage.py", "createcachetable")
    return json.loads(
        _run(env, "-m", WORKER, "setup", "--free", "3", "--applicants", "50")
    )


def _race(env, setup, processes):
    users = setup["users"]
    chunks = [users[i::processes] for i in range(processes)]
    start_at = str(time.time() + 4)
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                WORKER,
                "apply",
                "--group",
                str(setup["group"]),
                "--users",
                ",".join(map(str, chunk)),
                "--start-at",
                start_at,
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for chunk in chunks
    ]
    results = []
    for worker in workers:
        out, err = worker.communicate(timeout=180)
        assert worker.returncode == 0, err[-3000:]
        results += json.loads(out)
    return results


def _assert_invariant(env, setup, results):
    assert len(results) == 50
    assert [r for r in results if "error" in r] == []
    state = json.loads(_run(env, "-m", WORKER, "check", "--group", str(setup["group"])))
    rows = state["applications"]
    assert len(rows) == 50  # nothing lost
    assert sorted(r["user_id"] for r in rows) == sorted(setup["users"])
    assert state["consents"] == 50
    statuses = [r["status"] for r in rows]
    # The first three to take the lock hold the places, the rest wait in the
    # order they arrived (application ids are assigned under the lock).
    assert statuses[:3] == ["pending"] * 3
    assert statuses[3:] == ["waiting"] * 47
    assert [r["waiting_rank"] for r in rows[3:]] == list(range(1, 48))
    assert state["free_places"] == 0
    assert state["members"] == 9


def test_fifty_concurrent_applications_on_sqlite_threads(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "SQLITE_PATH": str(tmp_path / "race.sqlite3"),
        "BALINTKREIS_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    setup = _prepare(env)
    results = _race(env, setup, processes=1)
    _assert_invariant(env, setup, results)


@pytest.mark.postgres
@pytest.mark.skipif(
    not PG_URL.startswith("postgres"), reason="needs DATABASE_URL=postgres://…"
)
def test_fifty_concurrent_applications_on_postgres_processes(tmp_path):
    import psycopg

    base, _, _ = PG_URL.rpartition("/")
    name = "bk_registration_race"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    env = {
        **os.environ,
        "DATABASE_URL": f"{base}/{name}",
        "BALINTKREIS_VAR_DIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    setup = _prepare(env)
    results = _race(env, setup, processes=5)
    _assert_invariant(env, setup, results)
