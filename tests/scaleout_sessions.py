"""Helper for test_scaleout.py: log-in sessions for the applicants (JSON out)."""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balintkreis.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from balintkreis.accounts.models import User  # noqa: E402


def main() -> None:
    sessions = {}
    for user in User.objects.filter(pk__in=[int(pk) for pk in sys.argv[1].split(",")]):
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        sessions[user.pk] = store.session_key
    print(json.dumps(sessions))


if __name__ == "__main__":
    main()
