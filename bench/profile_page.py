"""Profile one page of the benchmark data set in-process (cProfile).

    python bench/profile_page.py /gruppen/ bench200@bench.example [--n 50]

Uses the SQLite data set of the last `make bench` run (bench/results/
var-sqlite) with production settings; prints the time per request, the
queries per request and the top functions by cumulative time.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("email", nargs="?", default="")
    parser.add_argument("--n", type=int, default=50)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")
    os.environ.setdefault(
        "BALINTKREIS_VAR_DIR", str(ROOT / "bench" / "results" / "var-sqlite")
    )
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("SECRET_KEY", "profile-" + "x" * 50)
    os.environ.setdefault("FIELD_ENCRYPTION_KEY", "bench-field-key")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("MFA_REQUIRED_FOR_STAFF", "false")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from balintkreis.accounts.models import User

    client = Client()
    if args.email:
        client.force_login(User.objects.get(email=args.email))
    response = client.get(args.path)
    assert response.status_code == 200, response.status_code
    queries: list[tuple[float, str]] = []

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - began, sql))

    with connection.execute_wrapper(timed):
        client.get(args.path)
    for seconds, sql in queries:
        print(f"  {seconds * 1000:6.2f} ms  {sql[:150]}")
    started = time.perf_counter()
    for _ in range(args.n):
        client.get(args.path)
    per = (time.perf_counter() - started) / args.n
    print(
        f"{args.path}: {per * 1000:.1f} ms per request, {len(queries)} queries, "
        f"{len(response.content) / 1024:.1f} KiB"
    )
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.n):
        client.get(args.path)
    profile.disable()
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
