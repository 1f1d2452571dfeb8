"""The usual heartbeat answered before the middleware chain (issue 17).

A heartbeat is authenticated by its presence pass (online/passes.py), not by
the session, so sessions, CSRF, authentication, messages, CSP, allauth and
the staff checks have nothing to do for it; with the URL resolver they cost
more than the beat itself (bench/heartbeat.py). ``HeartbeatMiddleware`` sits
right after ``SecurityMiddleware`` and WhiteNoise and answers the usual beat
itself (``views.meeting.quick_heartbeat``: pass, payload, one buffered beat
or one conditional UPDATE). Everything else – no or a bad pass, a bad body,
a join, a leave, a rejoin – goes on through the whole chain to the view,
which answers as before (in the person's language, rate-limited).
"""

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from balintkreis.online.views import meeting

_PROBE = 987654321


class HeartbeatMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self._path: re.Pattern[str] | None = None

    def path(self) -> re.Pattern[str]:
        """The heartbeat's URL as urls.py has it (reversed once, not resolved
        per request)."""
        if self._path is None:
            url = reverse("online:heartbeat", kwargs={"meeting_id": _PROBE})
            head, tail = url.split(str(_PROBE))
            self._path = re.compile(re.escape(head) + "([0-9]{1,18})" + re.escape(tail))
        return self._path

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            match = self.path().fullmatch(request.path)
            if match is not None:
                response = meeting.quick_heartbeat(request, int(match[1]))
                if response is not None:
                    return response
        return self.get_response(request)
