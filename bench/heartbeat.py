"""Heartbeat throughput for 1,000 simulated participants of online meetings.

    python bench/heartbeat.py                  # SQLite, 4 s per measurement
    BENCH_BACKENDS="sqlite postgres" python bench/heartbeat.py

Builds 100 online groups of 10 members, each in a running online meeting
that everybody has joined, gives every participant the presence pass the
meeting page hands out, serves the app with gunicorn and production
settings, and measures steady-state heartbeat POSTs (each from another
participant, as in a real meeting) side by side with the minimal view
/healthz/ at 1, 8 and 32 concurrent clients. 1,000 participants beating every 15 s need 67 requests
per second; the report shows how far above that the server stays.
Environment as bench/run.py: BENCH_SECONDS, BENCH_WORKERS.
"""

import itertools
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import load, run  # noqa: E402

GROUPS = 100
MEMBERS_PER_GROUP = 10
PARTICIPANTS = GROUPS * MEMBERS_PER_GROUP
BEAT_SECONDS = 15
PG_URL = "postgres://postgres@127.0.0.1:5432/balintkreis_bench_heartbeat"


def environment(backend: str) -> dict:
    env = run.environment(backend)
    env["BALINTKREIS_VAR_DIR"] = str(run.RESULTS / f"var-heartbeat-{backend}")
    if backend == "postgres":
        env["DATABASE_URL"] = PG_URL
    return env


def reset(backend: str, env: dict) -> None:
    var = Path(env["BALINTKREIS_VAR_DIR"])
    subprocess.run(["rm", "-rf", str(var)], check=True)
    var.mkdir(parents=True)
    if backend == "postgres":
        name = PG_URL.rsplit("/", 1)[1]
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        subprocess.run(
            ["redis-cli", "-n", "14", "flushdb"], check=False, stdout=subprocess.DEVNULL
        )


def prepare() -> None:
    """Runs in a subprocess with the bench environment; prints JSON."""
    import datetime

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")
    import django

    django.setup()
    from django.utils import timezone

    from balintkreis.accounts.models import User
    from balintkreis.groups.models import BalintGroup, Membership
    from balintkreis.meetings.models import Meeting
    from balintkreis.online import passes
    from balintkreis.online.models import Presence, PresenceInterval

    leader = User.objects.create(email="hb-leader@bench.example", last_name="Leitung")
    started = timezone.now() - datetime.timedelta(minutes=5)
    people = User.objects.bulk_create(
        User(email=f"hb{i}@bench.example", first_name="Teil", last_name=f"Nehmer{i}")
        for i in range(PARTICIPANTS)
    )
    participants = []
    for g in range(GROUPS):
        group = BalintGroup.objects.create(
            title=f"Online-Bench {g}",
            slug=f"hb-{g}",
            format=BalintGroup.Format.ONLINE,
            leader=leader,
            rhythm=BalintGroup.Rhythm.BIWEEKLY,
            capacity=MEMBERS_PER_GROUP,
            min_size=3,
        )
        meeting = Meeting.objects.create(
            group=group, starts_at=started, format=Meeting.Format.ONLINE
        )
        members = people[g * MEMBERS_PER_GROUP : (g + 1) * MEMBERS_PER_GROUP]
        Membership.objects.bulk_create(
            Membership(group=group, user=user, started_on=started.date())
            for user in members
        )
        participants += [
            [passes.issue(meeting, user, is_leader=False), meeting.pk]
            for user in members
        ]
        # Everybody has joined: the bench measures the steady state.
        presences = Presence.objects.bulk_create(
            Presence(
                meeting=meeting,
                user=user,
                first_joined_at=started,
                last_seen_at=started,
            )
            for user in members
        )
        PresenceInterval.objects.bulk_create(
            PresenceInterval(presence=p, started_at=started, source="page")
            for p in presences
        )
    print(json.dumps({"participants": participants}))


def refresh() -> None:
    """Everybody beat a moment ago (runs before each measurement).

    As in a running meeting: the rule that took each person's join also
    started their entry in the heartbeat buffer when there is one (online/
    beats.py, with Redis), so every measured beat is a usual one, not the
    first beat after a join.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")
    import django

    django.setup()
    from django.utils import timezone

    from balintkreis.online import beats
    from balintkreis.online.models import Presence

    Presence.objects.update(last_seen_at=timezone.now())
    for presence in Presence.objects.all():
        beats.remember(presence)


def heartbeats(participants: list) -> object:
    # Every beat id once, as from the meeting page: ``n`` starts again with
    # every load run (warm-up, measurement, each number of clients), and a
    # beat id heard before is a repeat, which takes the full rule on SQLite.
    serial = itertools.count()
    run_id = secrets.token_hex(4)

    def make(index: int, n: int) -> load.Request:
        grant, meeting = participants[(index + n * 37) % len(participants)]
        beat_id = f"b{run_id}-{next(serial)}"
        body = json.dumps({"kind": "beat", "beat_id": beat_id}).encode()
        return load.Request(
            "POST",
            f"/online/sitzungen/{meeting}/puls/",
            body=body,
            headers={"X-Presence-Pass": grant, "Content-Type": "application/json"},
        )

    return make


def measure(backend: str, seconds: float) -> list[dict]:
    env = environment(backend)
    print(f"\n## heartbeat, {backend}: preparing {PARTICIPANTS} participants …")
    reset(backend, env)
    run.manage(env, "migrate", "--noinput")
    run.manage(env, "createcachetable")
    run.manage(env, "collectstatic", "--noinput")
    prepared = subprocess.run(
        [sys.executable, "bench/heartbeat.py", "--prepare"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    participants = json.loads(prepared.stdout.strip().splitlines()[-1])["participants"]
    server = run.serve(env)
    rows = []
    needed = PARTICIPANTS / BEAT_SECONDS
    try:
        for clients in run.CONCURRENCY:
            args = {"clients": clients, "seconds": seconds}
            subprocess.run(
                [sys.executable, "bench/heartbeat.py", "--refresh"],
                cwd=ROOT,
                env=env,
                check=True,
            )
            load.run(
                "127.0.0.1",
                run.PORT,
                run.endpoints_minimal(),
                clients=clients,
                seconds=0.5,
            )
            ceiling = load.run("127.0.0.1", run.PORT, run.endpoints_minimal(), **args)
            make = heartbeats(participants)
            load.run("127.0.0.1", run.PORT, make, clients=clients, seconds=0.5)
            result = load.run("127.0.0.1", run.PORT, make, **args, ok_statuses=(200,))
            row = {
                "backend": backend,
                "endpoint": "heartbeat POST",
                "clients": clients,
                "rps": round(result.rps, 1),
                "errors": result.errors,
                "p50_ms": round(result.percentile(0.5) * 1000, 1),
                "p99_ms": round(result.percentile(0.99) * 1000, 1),
                "ceiling_rps": round(ceiling.rps, 1),
                "ratio": round(result.rps / ceiling.rps, 2) if ceiling.rps else 0,
                "headroom": round(result.rps / needed, 1),
            }
            rows.append(row)
            print(
                f"   c={clients:<3} {row['rps']:>8} req/s (healthz {row['ceiling_rps']}) "
                f"ratio {row['ratio']:.2f}  p50 {row['p50_ms']} ms p99 {row['p99_ms']} ms "
                f"= {row['headroom']}× the {needed:.0f} req/s of {PARTICIPANTS} "
                f"participants, errors {row['errors']}",
                flush=True,
            )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    return rows


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> int:
    if "--prepare" in sys.argv:
        prepare()
        return 0
    if "--refresh" in sys.argv:
        refresh()
        return 0
    # Not run.py's fixed port: a development server may be using it.
    run.PORT = int(os.environ.get("BENCH_PORT") or free_port())
    seconds = float(os.environ.get("BENCH_SECONDS", "4"))
    backends = os.environ.get("BENCH_BACKENDS", "sqlite").split()
    run.RESULTS.mkdir(parents=True, exist_ok=True)
    rows = [row for backend in backends for row in measure(backend, seconds)]
    report = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "participants": PARTICIPANTS,
        "needed_rps": round(PARTICIPANTS / BEAT_SECONDS, 1),
        "rows": rows,
    }
    (run.RESULTS / "heartbeat.json").write_text(json.dumps(report, indent=2))
    print(f"Full results: {run.RESULTS / 'heartbeat.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
