"""One command for the whole benchmark: `make bench` (or `python bench/run.py`).

For SQLite and for PostgreSQL with Redis, in one run: build the data set,
serve the app with gunicorn and production settings, and measure each page
side by side with a minimal Django view (the ceiling) at 1, 8 and 32
concurrent clients. Reports ratios and checks the budgets of docs/performance.md.

Environment: BENCH_SECONDS (per measurement, default 4), BENCH_SCALE (data set
scale, default 1 = 200 groups, 3,000 people, 20,000 meetings, 200,000
attendance rows), BENCH_BACKENDS (default "sqlite postgres"), BENCH_WORKERS
(gunicorn workers, default: number of cores), BENCH_QUICK=1 (a few minutes:
1.5 s per measurement, 8 and 32 clients only, 200 certificates),
BENCH_PAGES (comma-separated page names: measure only these),
BENCH_REUSE=1 (keep the data set of the previous run of that backend),
BENCH_EXTRA=0 (skip the heartbeat, certificate and export scripts).
"""

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import budgets, load  # noqa: E402
from bench.endpoints import LOGGED_IN, endpoints  # noqa: E402

RESULTS = ROOT / "bench" / "results"
PORT = 8765
PG_URL = "postgres://postgres@127.0.0.1:5432/balintkreis_bench"
REDIS_URL = "redis://127.0.0.1:6379/14"
QUICK = os.environ.get("BENCH_QUICK", "") not in ("", "0")
CONCURRENCY = (8, 32) if QUICK else (1, 8, 32)


def secret_key(backend: str) -> str:
    """One key per data set: its sessions stay valid when it is reused."""
    path = RESULTS / f"secret-{backend}"
    if not path.exists():
        RESULTS.mkdir(parents=True, exist_ok=True)
        path.write_text("bench-" + secrets.token_urlsafe(40))
    return path.read_text()


def environment(backend: str) -> dict:
    var = RESULTS / f"var-{backend}"
    env = {
        **os.environ,
        "DEBUG": "false",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECRET_KEY": secret_key(backend),
        "FIELD_ENCRYPTION_KEY": "bench-field-key",
        "BALINTKREIS_VAR_DIR": str(var),
        "EMAIL_URL": "locmem:",
        "MFA_REQUIRED_FOR_STAFF": "false",
        # The load generator applies as the same 300 people again and again;
        # the per-person limits would turn most requests into 429s.
        "APPLICATION_RATE_LIMIT": "1000000/h",
        "HEARTBEAT_RATE_LIMIT": "1000000/m",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    if backend == "postgres":
        env["DATABASE_URL"] = PG_URL
        env["REDIS_URL"] = REDIS_URL
    return env


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def reset(backend: str, env: dict) -> None:
    var = Path(env["BALINTKREIS_VAR_DIR"])
    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    if backend == "postgres":
        for sql in (
            "DROP DATABASE IF EXISTS balintkreis_bench",
            "CREATE DATABASE balintkreis_bench",
        ):
            subprocess.run(
                ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        subprocess.run(
            ["redis-cli", "-n", "14", "flushdb"], check=False, stdout=subprocess.DEVNULL
        )


def serve(env: dict) -> subprocess.Popen:
    workers = os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2))
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "balintkreis.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            workers,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz/", timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def worker_memory_mb(master: subprocess.Popen) -> list[float]:
    children = Path(f"/proc/{master.pid}/task/{master.pid}/children")
    sizes = []
    for pid in children.read_text().split() if children.exists() else []:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


def prepare(backend: str, env: dict) -> dict:
    saved = RESULTS / f"info-{backend}.json"
    reuse = os.environ.get("BENCH_REUSE", "") not in ("", "0")
    if reuse and saved.exists():
        print(f"\n## {backend}: reusing the data set of the last run", flush=True)
        info = json.loads(saved.read_text())
    else:
        print(f"\n## {backend}: preparing data set …", flush=True)
        (RESULTS / f"secret-{backend}").unlink(missing_ok=True)
        env["SECRET_KEY"] = secret_key(backend)
        reset(backend, env)
        manage(env, "migrate", "--noinput")
        manage(env, "createcachetable")
        manage(env, "collectstatic", "--noinput")
        started = time.perf_counter()
        prepared = subprocess.run(
            [sys.executable, "bench/prepare.py"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        info = json.loads(prepared.stdout.strip().splitlines()[-1])
        saved.write_text(json.dumps(info))
        print(
            f"   {info['groups']} groups, {info['people']} people, "
            f"{info['meetings']} meetings, {info['attendance']} attendance rows "
            f"in {time.perf_counter() - started:.0f} s"
        )
    refreshed = subprocess.run(
        [sys.executable, "bench/prepare.py", "--refresh"],
        cwd=ROOT,
        env=env,
        check=True,
        input=json.dumps(info),
        capture_output=True,
        text=True,
    )
    info = json.loads(refreshed.stdout.strip().splitlines()[-1])
    saved.write_text(json.dumps(info))
    return info


def measure_backend(backend: str, seconds: float) -> dict:
    env = environment(backend)
    info = prepare(backend, env)
    wanted = {
        name.strip()
        for name in os.environ.get("BENCH_PAGES", "").split(",")
        if name.strip()
    }
    server = serve(env)
    rows = []
    try:
        for name, factory, ok, kind in endpoints(info):
            if wanted and name not in wanted:
                continue
            first_ms = first_views(factory, ok) if kind == LOGGED_IN else None
            for clients in CONCURRENCY:
                drain()
                load.run(
                    "127.0.0.1", PORT, endpoints_minimal(), clients=clients, seconds=0.5
                )
                ceiling = load.run(
                    "127.0.0.1",
                    PORT,
                    endpoints_minimal(),
                    clients=clients,
                    seconds=seconds,
                )
                load.run(
                    "127.0.0.1",
                    PORT,
                    factory,
                    clients=clients,
                    seconds=0.5,
                    ok_statuses=ok,
                )
                result = load.run(
                    "127.0.0.1",
                    PORT,
                    factory,
                    clients=clients,
                    seconds=seconds,
                    ok_statuses=ok,
                )
                row = {
                    "backend": backend,
                    "endpoint": name,
                    "kind": kind,
                    "clients": clients,
                    "rps": round(result.rps, 1),
                    "errors": result.errors,
                    "p50_ms": round(result.percentile(0.5) * 1000, 1),
                    "p99_ms": round(result.percentile(0.99) * 1000, 1),
                    "ceiling_rps": round(ceiling.rps, 1),
                    "ratio": round(result.rps / ceiling.rps, 2) if ceiling.rps else 0,
                    "first_view_ms": first_ms,
                }
                rows.append(row)
                print(
                    f"   {name:<22} c={clients:<3} {row['rps']:>8} req/s "
                    f"p50 {row['p50_ms']:>7} ms p99 {row['p99_ms']:>7} ms "
                    f"ratio {row['ratio']:.2f} errors {row['errors']}"
                    + (f" first view {first_ms} ms" if first_ms is not None else ""),
                    flush=True,
                )
        memory = worker_memory_mb(server)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    return {
        "backend": backend,
        "data": {
            key: info[key] for key in ("groups", "people", "meetings", "attendance")
        }
        | {"persons": len(info["persons"])},
        "rows": rows,
        "worker_rss_mb": memory,
    }


def first_views(factory, ok: tuple[int, ...], people: int = 8) -> float:
    """Median time of each simulated person's first view of the page, one
    after the other on an idle server: what a page costs before the
    per-person page cache holds it (core/personalpages.py)."""
    import http.client

    times = []
    for index in range(people):
        request = factory(index, 0)
        conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
        started = time.perf_counter()
        conn.request(request.method, request.path, request.body, request.headers)
        response = conn.getresponse()
        response.read()
        times.append(time.perf_counter() - started)
        conn.close()
        if response.status not in ok:
            raise RuntimeError(f"{request.path}: HTTP {response.status}")
    return round(sorted(times)[len(times) // 2] * 1000, 1)


def drain(seconds: float = 90) -> None:
    """Wait until the server answers /healthz/ at once again: requests of a
    slow page still queued in the workers must not count against the next
    page's ceiling (each measurement starts on an idle server)."""
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        began = time.perf_counter()
        try:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{PORT}/healthz/", timeout=30
            ):
                pass
        except OSError:
            pass
        if time.perf_counter() - began < 0.05:
            return
        time.sleep(0.2)


def endpoints_minimal():
    minimal = load.Request("GET", "/healthz/")
    return lambda index, n: minimal


def main() -> int:
    seconds = float(os.environ.get("BENCH_SECONDS", "1.5" if QUICK else "4"))
    backends = os.environ.get("BENCH_BACKENDS", "sqlite postgres").split()
    RESULTS.mkdir(parents=True, exist_ok=True)
    results = [measure_backend(backend, seconds) for backend in backends]
    extra = []
    # Standalone parts (own data sets), reported in the same run.
    scripts = {
        "chamber_export.py": [],
        "heartbeat.py": [],
        "certificates.py": ["--members", "200"] if QUICK else [],
    }
    if os.environ.get("BENCH_EXTRA", "1") == "0":
        scripts = {}
    for script, arguments in scripts.items():
        path = ROOT / "bench" / script
        if path.exists():
            print(f"\n## {script}", flush=True)
            env = environment("sqlite") | {
                "BALINTKREIS_VAR_DIR": str(RESULTS / "var-sqlite"),
                "BENCH_SECONDS": str(seconds),
                "BENCH_BACKENDS": " ".join(backends),
            }
            out = subprocess.run(
                [sys.executable, str(path), *arguments],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            print(out.stdout + out.stderr)
            extra.append({"script": script, "output": out.stdout})
    report = {
        "machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]},
        "quick": QUICK,
        "seconds": seconds,
        "results": results,
        "extra": extra,
    }
    for name in ("heartbeat", "certificates"):
        path = RESULTS / f"{name}.json"
        if scripts and path.exists():
            report[name] = json.loads(path.read_text())
    table = budgets.evaluate(report)
    report["budgets"] = table
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2))
    print()
    print(budgets.markdown(table))
    print(f"Full results: {RESULTS / 'latest.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
