"""Helper process for test_concurrency.py: many people apply at the same moment.

Run as ``python -m balintkreis.groups.tests.concurrency_worker <command>`` with
DATABASE_URL or SQLITE_PATH pointing at a migrated database of its own.
"""

import argparse
import json
import os
import threading
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from balintkreis.accounts.models import Consent, User  # noqa: E402
from balintkreis.groups import applications, waiting_list  # noqa: E402
from balintkreis.groups.models import Application, BalintGroup, Membership  # noqa: E402


def setup(free: int, applicants: int) -> dict:
    leader = User.objects.create_user("leitung@example.org", "x")
    group = BalintGroup.objects.create(
        title="Rennen",
        slug="rennen",
        format="online",
        leader=leader,
        capacity=12,
        rhythm="monthly",
    )
    for n in range(group.capacity - free):
        user = User.objects.create_user(f"mitglied{n}@example.org", "x")
        Membership.objects.create(group=group, user=user, started_on="2026-01-01")
    users = [
        User.objects.create_user(f"bewerbung{n}@example.org", "x").pk
        for n in range(applicants)
    ]
    return {"group": group.pk, "users": users}


def apply_all(group_id: int, user_ids: list[int], start_at: float) -> list[dict]:
    results: list[dict] = []

    def one(user_id: int) -> None:
        try:
            group = BalintGroup.objects.get(pk=group_id)
            user = User.objects.get(pk=user_id)
            time.sleep(max(start_at - time.time(), 0))
            application = applications.apply(group, user=user, message="")
            results.append({"user": user_id, "status": application.status})
        except Exception as error:  # reported to the test, which fails on it
            results.append(
                {"user": user_id, "error": f"{type(error).__name__}: {error}"}
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=one, args=(pk,)) for pk in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def check(group_id: int) -> dict:
    group = BalintGroup.objects.get(pk=group_id)
    rows = list(
        Application.objects.filter(group=group)
        .order_by("pk")
        .values("pk", "user_id", "status", "waiting_rank")
    )
    return {
        "applications": rows,
        "consents": Consent.objects.filter(kind=Consent.Kind.CONFIDENTIALITY).count(),
        "free_places": waiting_list.free_places(group),
        "members": group.memberships.count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["setup", "apply", "check"])
    parser.add_argument("--group", type=int)
    parser.add_argument("--users", default="")
    parser.add_argument("--free", type=int, default=3)
    parser.add_argument("--applicants", type=int, default=50)
    parser.add_argument("--start-at", type=float, default=0)
    args = parser.parse_args()
    if args.command == "setup":
        out = setup(args.free, args.applicants)
    elif args.command == "apply":
        ids = [int(pk) for pk in args.users.split(",") if pk]
        out = apply_all(args.group, ids, args.start_at)
    else:
        out = check(args.group)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
