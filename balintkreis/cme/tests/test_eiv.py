"""The EIV client against a local HTTP server that behaves as documented (R4b)."""

import base64
import datetime
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.cme import eiv, export
from balintkreis.cme.models import ReportEntry
from balintkreis.cme.tests.factories import VALID_VNR, EventNumberFactory
from balintkreis.core.models import AuditEvent
from balintkreis.groups.tests.factories import MembershipFactory
from balintkreis.meetings.tests.factories import (
    AttendanceFactory,
    MeetingFactory,
    days_ago,
)

GOOD = "802760020090329"
REFUSED = "802760901234566"
FLAKY = "802760020090337"


class FakeEiv(BaseHTTPRequestHandler):
    pushes: list = []
    flaky_failures = 0
    begin = "2020-01-01"
    end = "2099-12-31"

    def log_message(self, *args):
        pass

    def _json(self, status, body=None):
        data = json.dumps(body or {}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _authorised(self):
        return self.headers.get("Authorization") == "Bearer token-1"

    def do_GET(self):
        if self.path == "/fobi/veranstalter-auth/jwt":
            expected = base64.b64encode(f"{VALID_VNR}:geheim42".encode()).decode()
            if self.headers.get("Authorization") != f"Basic {expected}":
                return self._json(401)
            return self._json(200, {"jwt": "token-1"})
        if self.path == "/fobi/veranstalter/veranstaltung":
            if not self._authorised():
                return self._json(401)
            return self._json(
                200,
                {
                    "vnr": VALID_VNR,
                    "beginn": self.begin,
                    "ende": self.end,
                    "gesperrt_fuer_veranstalter": False,
                },
            )
        return self._json(404)

    def do_POST(self):
        if self.path != "/fobi/veranstalter/push_teilnahme" or not self._authorised():
            return self._json(401)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).pushes.append(body)
        if body["efn"] == REFUSED:
            return self._json(406, {"message": "not contractual"})
        if body["efn"] == FLAKY and type(self).flaky_failures < 2:
            type(self).flaky_failures += 1
            return self._json(503)
        if body["efn"] == "429":
            return self._json(429)
        return self._json(201, {})


@pytest.fixture
def server():
    FakeEiv.pushes = []
    FakeEiv.flaky_failures = 0
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeEiv)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def client(base_url, **kwargs):
    return eiv.Client(
        base_url=base_url,
        vnr=VALID_VNR,
        password="geheim42",
        sleep=lambda s: None,
        **kwargs,
    )


def test_refuses_live_hosts_unless_enabled():
    with pytest.raises(eiv.EivError):
        eiv.Client(base_url="https://backend.eiv-fobi.de", vnr="1", password="x")
    eiv.Client(
        base_url="https://backend.eiv-fobi.de", vnr="1", password="x", allow_live=True
    )
    eiv.Client(base_url="https://backend-test.eiv-fobi.de", vnr="1", password="x")


def test_disabled_by_default(db, settings):
    assert settings.EIV_API_ENABLED is False
    assert settings.EIV_API_BASE_URL == "https://backend-test.eiv-fobi.de"
    with pytest.raises(eiv.EivDisabled):
        eiv.client_for(EventNumberFactory())


def test_push_body_and_retraction(server):
    c = client(server)
    day = datetime.date(2026, 5, 6)
    assert c.push_attendance(GOOD, day).ok
    assert c.retract_attendance(GOOD, day).ok
    assert FakeEiv.pushes == [
        {
            "efn": GOOD,
            "punkte_basis_flag": True,
            "punkte_lernerfolg_flag": False,
            "punkte_referent": 0,
            "teilnahmedatum": "2026-05-06",
        },
        {
            "efn": GOOD,
            "punkte_basis_flag": False,
            "punkte_lernerfolg_flag": False,
            "punkte_referent": 0,
            "teilnahmedatum": "2026-05-06",
        },
    ]


def test_retries_5xx_then_succeeds_and_406_is_permanent(server):
    c = client(server)
    outcome = c.push_attendance(FLAKY, datetime.date(2026, 5, 6))
    assert outcome.ok
    assert outcome.attempts == 3
    refused = c.push_attendance(REFUSED, datetime.date(2026, 5, 6))
    assert refused.status == 406
    assert refused.permanent
    assert refused.attempts == 1


def test_429_retries_until_exhausted(server):
    sleeps = []
    c = eiv.Client(
        base_url=server,
        vnr=VALID_VNR,
        password="geheim42",
        sleep=sleeps.append,
        max_attempts=4,
    )
    outcome = c.push_attendance("429", datetime.date(2026, 5, 6))
    assert outcome.status == 429
    assert not outcome.ok
    assert not outcome.permanent
    assert sleeps == [1, 2, 4]


def test_wrong_password_is_auth_error(server):
    c = eiv.Client(
        base_url=server, vnr=VALID_VNR, password="falsch", sleep=lambda s: None
    )
    with pytest.raises(eiv.EivAuthError):
        c.authenticate()


@pytest.mark.django_db
def test_report_records_status_per_attendee_and_audits_fingerprints(
    server, group, leader
):
    event_number = EventNumberFactory(group=group)
    meeting = MeetingFactory(group=group, starts_at=days_ago(2))
    for efn in (GOOD, REFUSED, FLAKY):
        user = UserFactory(efn=efn)
        MembershipFactory(group=group, user=user)
        AttendanceFactory(meeting=meeting, user=user, confirmed=True)
    rows = export.rows_for_meeting(meeting)
    counts = eiv.report(event_number, rows=rows, by=leader, client=client(server))
    assert counts == {"reported": 2, "failed": 1, "retry": 0, "skipped": 0}
    entries = {
        e.attendance.user.efn: e
        for e in ReportEntry.objects.select_related("attendance__user")
    }
    assert entries[GOOD].status == "reported"
    assert entries[REFUSED].status == "failed"
    assert entries[REFUSED].last_http_status == 406
    assert entries[FLAKY].attempts == 3
    logged = str(
        list(
            AuditEvent.objects.filter(action="cme.report.pushed").values_list(
                "data", flat=True
            )
        )
    )
    assert GOOD not in logged
    assert REFUSED not in logged
    # a second run skips what is reported and does not push again
    before = len(FakeEiv.pushes)
    eiv.report(
        event_number,
        rows=export.rows_for_meeting(meeting),
        by=leader,
        client=client(server),
    )
    assert len(FakeEiv.pushes) == before + 1  # only the refused one is retried


@pytest.mark.django_db
def test_date_outside_event_period_is_refused_without_push(server, group, leader):
    FakeEiv.end = "2000-01-01"
    try:
        event_number = EventNumberFactory(group=group)
        meeting = MeetingFactory(group=group, starts_at=days_ago(2))
        user = UserFactory(efn=GOOD)
        MembershipFactory(group=group, user=user)
        AttendanceFactory(meeting=meeting, user=user, confirmed=True)
        counts = eiv.report(
            event_number,
            rows=export.rows_for_meeting(meeting),
            by=leader,
            client=client(server),
        )
    finally:
        FakeEiv.end = "2099-12-31"
    assert counts["failed"] == 1
    assert FakeEiv.pushes == []
