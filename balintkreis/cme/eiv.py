"""Optional client for the EIV organiser REST API (DOMAIN.md R4b).

Off unless ``EIV_API_ENABLED``; talks to the test system by default and
refuses any other host than the test system or a loopback address unless
``EIV_ALLOW_LIVE`` is set. The outcome is judged only by the HTTP status:
401/403 authentication, 406 business refusal, 400/422 format error (all
permanent); 429 and 5xx are retried with exponential backoff, which is safe
because a push is idempotent per (EFN, VNR). A retraction is a push with
both flags false.
"""

import base64
import datetime
import json
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balintkreis.accounts.models import User
from balintkreis.cme.export import Row
from balintkreis.cme.models import EventNumber, ReportEntry
from balintkreis.core import audit, crypto
from balintkreis.core.errors import RuleError

TEST_HOSTS = {"backend-test.eiv-fobi.de"}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
RETRYABLE = {429, 500, 502, 503, 504}


class EivError(RuleError):
    pass


class EivDisabled(EivError):
    pass


class EivAuthError(EivError):
    pass


@dataclass(frozen=True)
class Outcome:
    status: int  # HTTP status of the last attempt; 0 when no answer arrived
    attempts: int

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300

    @property
    def permanent(self) -> bool:
        return self.status in (400, 401, 403, 406, 422)


def check_base_url(base_url: str, *, allow_live: bool) -> str:
    host = urlparse(base_url).hostname or ""
    if host in TEST_HOSTS or host in LOOPBACK_HOSTS or allow_live:
        return base_url.rstrip("/")
    raise EivError(
        _("The EIV live system is not enabled (EIV_ALLOW_LIVE); refusing %(host)s.")
        % {"host": host}
    )


class Client:
    """One VNR's session with the EIV; ``sleep`` is injectable for tests."""

    def __init__(
        self,
        *,
        base_url: str,
        vnr: str,
        password: str,
        allow_live: bool = False,
        timeout: float = 20,
        max_attempts: int = 5,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.base_url = check_base_url(base_url, allow_live=allow_live)
        self.vnr = vnr
        self.password = password
        self.timeout = timeout
        self.max_attempts = max_attempts
        self.sleep = sleep
        self.jwt = ""

    def _request(
        self,
        method: str,
        path: str,
        *,
        headers: dict[str, str],
        body: dict[str, Any] | None = None,
    ) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.base_url + path, data=data, method=method, headers=headers
        )
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, b""
        except (urllib.error.URLError, TimeoutError, ConnectionError):
            return 0, b""

    def _with_retries(
        self, method: str, path: str, **kwargs: Any
    ) -> tuple[int, bytes, int]:
        status, body = 0, b""
        for attempt in range(1, self.max_attempts + 1):
            status, body = self._request(method, path, **kwargs)
            if status not in RETRYABLE and status != 0:
                return status, body, attempt
            if attempt < self.max_attempts:
                self.sleep(min(2 ** (attempt - 1), 60))
        return status, body, self.max_attempts

    def authenticate(self) -> str:
        basic = base64.b64encode(f"{self.vnr}:{self.password}".encode()).decode()
        status, body, _attempts = self._with_retries(
            "GET",
            "/fobi/veranstalter-auth/jwt",
            headers={"Authorization": f"Basic {basic}", "Accept": "application/json"},
        )
        if status != 200:
            raise EivAuthError(
                _("The EIV refused the VNR or its password (HTTP %(status)d).")
                % {"status": status}
            )
        self.jwt = json.loads(body)["jwt"]
        return self.jwt

    def _bearer(self) -> dict[str, str]:
        if not self.jwt:
            self.authenticate()
        return {"Authorization": f"Bearer {self.jwt}", "Accept": "application/json"}

    def event(self) -> dict[str, Any]:
        """The event record: beginn, ende, gesperrt_fuer_veranstalter, …"""
        status, body, _attempts = self._with_retries(
            "GET", "/fobi/veranstalter/veranstaltung", headers=self._bearer()
        )
        if status != 200:
            raise EivError(
                _("The EIV did not return the event (HTTP %(status)d).")
                % {"status": status}
            )
        record: dict[str, Any] = json.loads(body)
        return record

    def _push(self, efn: str, on: datetime.date, *, flag: bool) -> Outcome:
        status, _body, attempts = self._with_retries(
            "POST",
            "/fobi/veranstalter/push_teilnahme",
            headers=self._bearer(),
            body={
                "efn": efn,
                "punkte_basis_flag": flag,
                "punkte_lernerfolg_flag": False,
                "punkte_referent": 0,
                "teilnahmedatum": on.isoformat(),
            },
        )
        return Outcome(status=status, attempts=attempts)

    def push_attendance(self, efn: str, on: datetime.date) -> Outcome:
        return self._push(efn, on, flag=True)

    def retract_attendance(self, efn: str, on: datetime.date) -> Outcome:
        """Both flags false, no referent points: the EIV never deletes records."""
        return self._push(efn, on, flag=False)


def client_for(event_number: EventNumber, **kwargs: Any) -> Client:
    if not settings.EIV_API_ENABLED:
        raise EivDisabled(_("The EIV interface is switched off."))
    if not event_number.password:
        raise EivError(_("Please store the VNR password first."))
    return Client(
        base_url=settings.EIV_API_BASE_URL,
        vnr=event_number.vnr,
        password=event_number.password,
        allow_live=settings.EIV_ALLOW_LIVE,
        timeout=settings.EIV_TIMEOUT_SECONDS,
        max_attempts=settings.EIV_MAX_ATTEMPTS,
        **kwargs,
    )


def _in_period(event: dict[str, Any], on: datetime.date) -> bool:
    begin = datetime.date.fromisoformat(
        str(event.get("beginn", ""))[:10] or "0001-01-01"
    )
    end = datetime.date.fromisoformat(str(event.get("ende", ""))[:10] or "9999-12-31")
    return begin <= on <= end


def report(
    event_number: EventNumber, *, rows: list[Row], by: User, client: Client
) -> dict[str, int]:
    """Push every reportable, not yet reported row; record the status per row.

    Returns counts by outcome. The audit log gets fingerprints, never EFNs.
    """
    event = client.event()
    if event.get("gesperrt_fuer_veranstalter"):
        raise EivError(_("The EIV has locked this VNR for the organiser."))
    counts = {"reported": 0, "failed": 0, "retry": 0, "skipped": 0}
    for row in rows:
        entry = row.report
        if (
            not row.is_reportable
            or row.event_number != event_number
            or (entry and entry.status == ReportEntry.Status.REPORTED)
        ):
            counts["skipped"] += 1
            continue
        if not _in_period(event, row.date):
            outcome = Outcome(status=406, attempts=0)
        else:
            outcome = client.push_attendance(row.efn, row.date)
        with transaction.atomic():
            if entry is None:
                entry = ReportEntry(
                    attendance=row.attendance,
                    event_number=event_number,
                    first_submitted_at=timezone.now(),
                    method=ReportEntry.Method.API,
                    status=ReportEntry.Status.FAILED,
                )
            entry.method = ReportEntry.Method.API
            entry.attempts += outcome.attempts
            entry.last_http_status = outcome.status or None
            if outcome.ok:
                entry.status = ReportEntry.Status.REPORTED
                counts["reported"] += 1
            elif outcome.permanent:
                entry.status = ReportEntry.Status.FAILED
                counts["failed"] += 1
            else:
                counts["retry"] += 1
            if outcome.ok or outcome.permanent:
                entry.save()
            audit.record(
                by,
                "cme.report.pushed",
                event_number,
                data={
                    "efn": crypto.fingerprint(row.efn),
                    "date": row.date.isoformat(),
                    "http": outcome.status,
                    "attempts": outcome.attempts,
                },
            )
    return counts
