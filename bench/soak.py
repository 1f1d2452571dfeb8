"""Soak test (issue 16 item 8): mixed traffic for a long time while the task
worker and the scheduler are killed (SIGKILL) and restarted at random.

    python bench/soak.py                          # 30 minutes, both modes
    python bench/soak.py --minutes 4 --mode embedded

Modes:
- ``embedded``: ``manage.py serve`` (what ``make run`` starts) on SQLite; its
  supervisor restarts the killed worker/scheduler.
- ``postgres``: two gunicorn servers, two ``db_worker`` and one scheduler
  (the commands of docs/deployment.md) on PostgreSQL and Redis; this script
  plays systemd's ``Restart=always`` and starts a killed process again.

Traffic (closed loop, ``--clients`` threads with a short think time):
catalogue, group page, log-ins (log-in page and POST), applications (POST,
each writes mail to the outbox), online heartbeats, the leader's attendance
sheet. Mail goes to an SMTP server (aiosmtpd) inside this script.

Reports requests served, errors (by kind), mails expected (outbox rows) vs
delivered (distinct Message-IDs) vs duplicated, and the memory (RSS) of each
process at the start and at the end. Not part of ``make test``.
Environment: SOAK_PG_URL (default postgres://postgres@127.0.0.1:5432/bk_rel),
SOAK_REDIS_URL (default redis://127.0.0.1:6379/6).
"""

import argparse
import email
import http.client
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RESULTS = ROOT / "bench" / "results"
CSRF = "soakcsrfsecret0123456789abcdefgh"
PASSWORD = "bench-password-123"  # bench/dataset.py


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- data set (runs in a subprocess with the soak environment) ---------------


def prepare() -> None:
    import datetime

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")
    import django

    django.setup()
    from django.utils import timezone

    from balintkreis.accounts.models import User
    from balintkreis.groups.models import BalintGroup, Membership
    from balintkreis.meetings.models import Meeting
    from balintkreis.online import passes
    from balintkreis.online.models import Presence
    from bench import dataset
    from bench.prepare import session_for

    info = dataset.build(
        groups=20, people=600, meetings_per_group=20, attendees_per_meeting=10
    )
    info["member_session"] = session_for(User.objects.get(email=info["member_email"]))
    info["leader_session"] = session_for(User.objects.get(email=info["leader_email"]))
    applicants = User.objects.filter(email__startswith="bench").order_by("-pk")[:400]
    info["applicant_sessions"] = [session_for(user) for user in applicants]
    info["login_emails"] = list(
        User.objects.filter(email__startswith="bench")
        .order_by("pk")
        .values_list("email", flat=True)[:50]
    )
    # Online: 3 groups of 8 in a running meeting, everybody joined.
    leader = User.objects.create(email="soak-leader@bench.example", last_name="L")
    started = timezone.now() - datetime.timedelta(minutes=5)
    participants = []
    for g in range(3):
        group = BalintGroup.objects.create(
            title=f"Soak online {g}",
            slug=f"soak-{g}",
            format=BalintGroup.Format.ONLINE,
            leader=leader,
            rhythm=BalintGroup.Rhythm.BIWEEKLY,
            capacity=8,
            min_size=3,
        )
        meeting = Meeting.objects.create(
            group=group,
            starts_at=started,
            format=Meeting.Format.ONLINE,
            duration_minutes=240,
        )
        people = User.objects.bulk_create(
            User(email=f"soak{g}-{i}@bench.example", last_name=f"T{i}")
            for i in range(8)
        )
        for user in people:
            Membership.objects.create(group=group, user=user, started_on=started.date())
            Presence.objects.create(
                meeting=meeting,
                user=user,
                first_joined_at=started,
                last_seen_at=started,
            )
            participants.append(
                [passes.issue(meeting, user, is_leader=False), meeting.pk]
            )
    info["participants"] = participants
    print(json.dumps(info))


def mail_report() -> None:
    """Outbox rows and their Message-IDs (runs in a subprocess)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")
    import django

    django.setup()
    from balintkreis.notifications.delivery import message_id
    from balintkreis.notifications.models import OutboxEmail

    rows = list(OutboxEmail.objects.all())
    print(
        json.dumps(
            {
                "statuses": dict(Counter(row.status for row in rows)),
                "message_ids": [message_id(row) for row in rows],
            }
        )
    )


# --- processes ---------------------------------------------------------------


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    found = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            found += [int(c) for c in (task / "children").read_text().split()]
    except OSError:
        pass
    return found


def role(pid: int) -> str:
    try:
        args = Path(f"/proc/{pid}/cmdline").read_text().split("\0")
    except OSError:
        return "?"
    line = " ".join(args)
    for name in ("db_worker", "scheduler", "serve", "restore"):
        if name in line:
            return {"db_worker": "worker"}.get(name, name)
    if "gunicorn" in line:
        return "gunicorn"
    return Path(args[0]).name if args else "?"


def tree(pids: list[int]) -> list[tuple[int, str]]:
    out, todo = [], list(pids)
    while todo:
        pid = todo.pop(0)
        out.append((pid, role(pid)))
        todo += children(pid)
    return out


def memory(pids: list[int]) -> list[dict]:
    rows = []
    for pid, name in tree(pids):
        size = rss_mb(pid)
        if size is not None:
            rows.append({"pid": pid, "role": name, "rss_mb": round(size, 1)})
    return rows


class Inbox:
    def __init__(self) -> None:
        self.message_ids: list[str] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        message = email.message_from_bytes(envelope.content)
        with self.lock:
            self.message_ids.append(message["Message-ID"])
        return "250 OK"


# --- traffic -------------------------------------------------------------------


class Traffic:
    def __init__(self, info: dict, ports: list[int], clients: int, think: float):
        self.info, self.ports, self.clients, self.think = info, ports, clients, think
        self.lock = threading.Lock()
        self.served: Counter = Counter()
        self.errors: Counter = Counter()
        self.limited: Counter = Counter()
        self.stop = threading.Event()

    def _request(self, port, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            response.read()
            return response.status, response
        finally:
            connection.close()

    def _pick(self, rnd: random.Random, n: int):
        info = self.info
        slug = info["group_slug"]
        kind = rnd.choices(
            ["catalogue", "group", "login", "apply", "heartbeat", "attendance"],
            weights=[30, 15, 5, 15, 30, 5],
        )[0]
        cookie = f"csrftoken={CSRF}"
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        if kind == "catalogue":
            return kind, ("GET", "/gruppen/", None, {}), (200,)
        if kind == "group":
            return kind, ("GET", f"/gruppen/{slug}/", None, {}), (200,)
        if kind == "login":
            body = urllib.parse.urlencode(
                {"login": rnd.choice(info["login_emails"]), "password": PASSWORD}
            )
            headers = {"Cookie": cookie, "X-CSRFToken": CSRF, **form}
            # 429: allauth's per-IP log-in limit (all clients are 127.0.0.1),
            # counted apart as "rate-limited", not as an error.
            return kind, ("POST", "/konto/login/", body, headers), (302, 200, 429)
        if kind == "apply":
            session = rnd.choice(info["applicant_sessions"])
            target = rnd.choice(info.get("group_slugs") or [slug])
            body = urllib.parse.urlencode({"message": "", "confidentiality": "on"})
            headers = {
                "Cookie": f"sessionid={session}; {cookie}",
                "X-CSRFToken": CSRF,
                **form,
            }
            return (
                kind,
                ("POST", f"/gruppen/{target}/anmelden/", body, headers),
                (
                    302,
                    200,
                ),
            )
        if kind == "heartbeat":
            grant, meeting = rnd.choice(info["participants"])
            body = json.dumps({"kind": "beat", "beat_id": f"s{n}-{rnd.random()}"})
            headers = {"X-Presence-Pass": grant, "Content-Type": "application/json"}
            return (
                kind,
                ("POST", f"/online/sitzungen/{meeting}/puls/", body, headers),
                (
                    200,
                    204,
                ),
            )
        path = f"/gruppen/{slug}/sitzungen/{info['meeting_pk']}/anwesenheit/"
        headers = {"Cookie": f"sessionid={info['leader_session']}"}
        return kind, ("GET", path, None, headers), (200,)

    def client(self, index: int) -> None:
        rnd = random.Random(index)
        n = 0
        while not self.stop.is_set():
            n += 1
            kind, (method, path, body, headers), ok = self._pick(rnd, n)
            port = self.ports[n % len(self.ports)]
            try:
                status, _ = self._request(port, method, path, body, headers)
                outcome = None if status in ok else f"{kind} HTTP {status}"
            except (OSError, http.client.HTTPException) as error:
                status, outcome = None, f"{kind} {type(error).__name__}"
            with self.lock:
                self.served[kind] += 1
                if status == 429:
                    self.limited[kind] += 1
                if outcome:
                    self.errors[outcome] += 1
            time.sleep(rnd.uniform(0, 2 * self.think))

    def start(self) -> list[threading.Thread]:
        threads = [
            threading.Thread(target=self.client, args=(i,), daemon=True)
            for i in range(self.clients)
        ]
        for thread in threads:
            thread.start()
        return threads


# --- one mode ------------------------------------------------------------------


def environment(mode: str, var: Path, smtp_port: int, site_port: int) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(
        DEBUG="false",
        SITE_URL=f"http://127.0.0.1:{site_port}",
        ALLOWED_HOSTS="127.0.0.1",
        SECRET_KEY="soak-" + secrets.token_urlsafe(40),
        FIELD_ENCRYPTION_KEY="soak-field-key",
        BALINTKREIS_VAR_DIR=str(var),
        EMAIL_URL=f"smtp://127.0.0.1:{smtp_port}",
        MFA_REQUIRED_FOR_STAFF="false",
        ACCOUNT_EMAIL_VERIFICATION="none",
        APPLICATION_RATE_LIMIT="1000000/h",
        HEARTBEAT_RATE_LIMIT="1000000/m",
        LOG_LEVEL="WARNING",
        # Rows a killed worker left "sending" come back within the drain
        # time (production default: 15 minutes).
        OUTBOX_SENDING_TIMEOUT_MINUTES="2",
        STATIC_MANIFEST="false",
        PYTHONPATH=str(ROOT),
    )
    if mode == "postgres":
        env["DATABASE_URL"] = os.environ.get(
            "SOAK_PG_URL", "postgres://postgres@127.0.0.1:5432/bk_rel"
        )
        env["REDIS_URL"] = os.environ.get("SOAK_REDIS_URL", "redis://127.0.0.1:6379/6")
    return env


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def reset(mode: str, env: dict, var: Path) -> None:
    subprocess.run(["rm", "-rf", str(var)], check=True)
    var.mkdir(parents=True)
    if mode == "postgres":
        url = urllib.parse.urlparse(env["DATABASE_URL"])
        name = url.path.lstrip("/")
        admin = url._replace(path="/postgres").geturl()
        for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
            subprocess.run(["psql", admin, "-qc", sql], check=True, capture_output=True)
        redis_db = env["REDIS_URL"].rsplit("/", 1)[1]
        subprocess.run(
            ["redis-cli", "-n", redis_db, "flushdb"], check=False, capture_output=True
        )


def wait_http(port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz/ready/")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"port {port} did not become ready")


class Cluster:
    """The processes of one mode; ``victims()`` are worker and scheduler pids."""

    def __init__(self, mode: str, env: dict, ports: list[int]):
        self.mode, self.env, self.ports = mode, env, ports
        self.processes: dict[str, subprocess.Popen] = {}
        self.kills: Counter = Counter()
        self.log = open(RESULTS / f"soak-{mode}.log", "w")  # noqa: SIM115

    def _spawn(self, name: str, command: list[str]) -> None:
        self.processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def commands(self) -> dict[str, list[str]]:
        manage_py = [sys.executable, "manage.py"]
        if self.mode == "embedded":
            return {
                "serve": manage_py
                + ["serve", "--host", "127.0.0.1", "--port", str(self.ports[0])]
            }
        from balintkreis.core.supervisor import web_command

        commands = {
            f"web{i}": web_command(
                host="127.0.0.1", port=port, workers=2, threads=4, backlog=2048
            )
            for i, port in enumerate(self.ports)
        }
        for i in range(2):
            commands[f"worker{i}"] = manage_py + ["db_worker", "--interval", "1"]
        commands["scheduler"] = manage_py + ["scheduler"]
        return commands

    def start(self) -> None:
        for name, command in self.commands().items():
            self._spawn(name, command)
        for port in self.ports:
            wait_http(port)

    def victims(self) -> list[tuple[str, int]]:
        if self.mode == "embedded":
            return [
                (name, pid)
                for pid, name in tree([self.processes["serve"].pid])
                if name in ("worker", "scheduler")
            ]
        return [
            (name, process.pid)
            for name, process in self.processes.items()
            if name.startswith(("worker", "scheduler")) and process.poll() is None
        ]

    def kill_one(self, rnd: random.Random) -> str | None:
        """Kill a worker, next time the scheduler, and so on (random instance)."""
        wanted = ("worker", "scheduler")[sum(self.kills.values()) % 2]
        victims = [v for v in self.victims() if v[0].startswith(wanted)]
        if not victims:
            return None
        name, pid = rnd.choice(victims)
        os.kill(pid, signal.SIGKILL)
        self.kills[name.rstrip("0123456789")] += 1
        if self.mode != "embedded":
            self.processes[name].wait()
            time.sleep(rnd.uniform(1, 5))  # systemd's RestartSec
            self._spawn(name, self.commands()[name])
        return name

    def pids(self) -> list[int]:
        return [p.pid for p in self.processes.values() if p.poll() is None]

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.log.close()


def soak(mode: str, args: argparse.Namespace) -> dict:
    from aiosmtpd.controller import Controller

    var = RESULTS / f"var-soak-{mode}"
    ports = [free_port()] if mode == "embedded" else [free_port(), free_port()]
    inbox = Inbox()
    smtp = Controller(inbox, hostname="127.0.0.1", port=free_port())
    smtp.start()
    env = environment(mode, var, smtp.port, ports[0])
    print(f"\n## soak {mode}: preparing …", flush=True)
    reset(mode, env, var)
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    info = json.loads(
        subprocess.run(
            [sys.executable, "bench/soak.py", "--prepare"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    info["group_slugs"] = [info["group_slug"]]
    cluster = Cluster(mode, env, ports)
    cluster.start()
    time.sleep(5)
    memory_start = memory(cluster.pids())
    traffic = Traffic(info, ports, args.clients, args.think)
    rnd = random.Random(1)
    started = time.monotonic()
    deadline = started + args.minutes * 60
    threads = traffic.start()
    next_kill = started + rnd.uniform(*args.kill_every)
    try:
        while time.monotonic() < deadline:
            time.sleep(1)
            if time.monotonic() >= next_kill:
                name = cluster.kill_one(rnd)
                print(
                    f"  {time.monotonic() - started:6.0f} s: killed {name}", flush=True
                )
                next_kill = time.monotonic() + rnd.uniform(*args.kill_every)
        memory_end = memory(cluster.pids())
    finally:
        traffic.stop.set()
        for thread in threads:
            thread.join(timeout=40)
    elapsed = time.monotonic() - started
    # Let the outbox drain: the periodic flush every minute, retries after.
    drain_deadline = time.monotonic() + args.drain
    report = {}
    while time.monotonic() < drain_deadline:
        report = json.loads(
            subprocess.run(
                [sys.executable, "bench/soak.py", "--mail-report"],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        if set(report["statuses"]) <= {"sent", "failed"}:
            break
        time.sleep(5)
    cluster.stop()
    smtp.stop()
    received = Counter(inbox.message_ids)
    expected = set(report.get("message_ids", []))
    result = {
        "mode": mode,
        "minutes": round(elapsed / 60, 1),
        "clients": args.clients,
        "requests": sum(traffic.served.values()),
        "requests_by_kind": dict(traffic.served),
        "errors": sum(traffic.errors.values()),
        "errors_by_kind": dict(traffic.errors),
        "rate_limited": dict(traffic.limited),
        "kills": dict(cluster.kills),
        "mails_expected": len(expected),
        "mails_delivered": len(expected & set(received)),
        "mails_missing": len(expected - set(received)),
        "mails_duplicated": sum(n - 1 for n in received.values() if n > 1),
        "outbox_statuses": report.get("statuses", {}),
        "memory_start": memory_start,
        "memory_end": memory_end,
    }
    return result


def summarise(result: dict) -> str:
    def mem(rows):
        per_role: dict[str, list[float]] = {}
        for row in rows:
            per_role.setdefault(row["role"], []).append(row["rss_mb"])
        return ", ".join(
            f"{name} {'/'.join(f'{v:.0f}' for v in values)}"
            for name, values in sorted(per_role.items())
        )

    return "\n".join(
        [
            f"### {result['mode']}: {result['minutes']} min, {result['clients']} clients",
            f"- requests served: {result['requests']} {result['requests_by_kind']}",
            f"- errors: {result['errors']} {result['errors_by_kind']}",
            f"- rate-limited (429, expected): {result['rate_limited']}",
            f"- kills (SIGKILL): {result['kills']}",
            f"- mails expected {result['mails_expected']}, delivered "
            f"{result['mails_delivered']}, missing {result['mails_missing']}, "
            f"duplicated {result['mails_duplicated']} "
            f"(outbox {result['outbox_statuses']})",
            f"- memory MB at start: {mem(result['memory_start'])}",
            f"- memory MB at end:   {mem(result['memory_end'])}",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument(
        "--mode", choices=["embedded", "postgres", "both"], default="both"
    )
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument(
        "--think", type=float, default=0.2, help="mean pause per client (s)"
    )
    parser.add_argument(
        "--kill-every",
        type=float,
        nargs=2,
        default=(60, 240),
        metavar=("MIN", "MAX"),
        help="seconds between kills, drawn at random (default 60 240)",
    )
    parser.add_argument("--drain", type=float, default=240, help="seconds")
    parser.add_argument("--prepare", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--mail-report", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.prepare:
        return prepare()
    if args.mail_report:
        return mail_report()
    RESULTS.mkdir(parents=True, exist_ok=True)
    modes = ["embedded", "postgres"] if args.mode == "both" else [args.mode]
    results = [soak(mode, args) for mode in modes]
    (RESULTS / "soak.json").write_text(json.dumps(results, indent=2))
    print()
    for result in results:
        print(summarise(result))
        print()


if __name__ == "__main__":
    main()
