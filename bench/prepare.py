"""Prepare a benchmark database: data set plus log-in sessions. Prints JSON."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from balintkreis.accounts.models import User  # noqa: E402
from bench import dataset  # noqa: E402


def session_for(user: User) -> str:
    from django.utils import timezone

    from balintkreis.accounts import staff_sessions

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    # As a log-in does: the staff limits (30 minutes idle) count from now.
    staff_sessions.start(store, now=timezone.now())
    store.create()
    return store.session_key


def log_in_everybody(info: dict) -> None:
    """A fresh session for every simulated person (staff sessions of an
    earlier run have passed their idle limit and ended)."""
    users = User.objects.in_bulk(
        [p["member_email"] for p in info["persons"]]
        + [p["leader_email"] for p in info["persons"]]
        + info["secretariat_emails"]
        + [info["member_email"], info["leader_email"]],
        field_name="email",
    )
    info["member_session"] = session_for(users[info["member_email"]])
    info["leader_session"] = session_for(users[info["leader_email"]])
    # A session per simulated person: each client of the load generator is
    # somebody else, as on a real server.
    for person in info["persons"]:
        person["member_session"] = session_for(users[person["member_email"]])
        person["leader_session"] = session_for(users[person["leader_email"]])
    info["secretariat_sessions"] = [
        session_for(users[email]) for email in info["secretariat_emails"]
    ]
    applicants = User.objects.filter(email__startswith="bench").order_by("-pk")[:300]
    info["applicant_sessions"] = [session_for(user) for user in applicants]


def refresh(info: dict) -> None:
    """The online meetings of the logged-in pages run now (a reused data set
    would otherwise find them ended)."""
    import datetime

    from django.utils import timezone

    from balintkreis.meetings.models import Meeting

    Meeting.objects.filter(
        pk__in=[person["online_meeting_pk"] for person in info["persons"]]
    ).update(starts_at=timezone.now() - datetime.timedelta(minutes=5))


def main() -> None:
    if "--refresh" in sys.argv:
        info = json.loads(sys.stdin.read())
        refresh(info)
        log_in_everybody(info)
        print(json.dumps(info))
        return
    scale = float(os.environ.get("BENCH_SCALE", "1"))
    info = dataset.build(
        groups=int(200 * scale),
        people=int(3000 * scale),
        meetings_per_group=100,
        attendees_per_meeting=10,
    )
    log_in_everybody(info)
    print(json.dumps(info))


if __name__ == "__main__":
    main()
