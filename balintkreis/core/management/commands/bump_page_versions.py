"""Give every table a new version: no page of a logged-in person that was
built before is served again (core/personalpages.py).

Needed only after data was changed outside Django (psql, a restored backup);
writes through the platform, the administration, tasks and ``migrate`` do it
themselves.
"""

from typing import Any

from django.core.management.base import BaseCommand

from balintkreis.core import personalpages


class Command(BaseCommand):
    help = "Drop every cached page of logged-in people (after changes outside Django)."

    def handle(self, *args: Any, **options: Any) -> None:
        personalpages.bump_all()
        self.stdout.write("Every cached page of logged-in people is dropped.")
