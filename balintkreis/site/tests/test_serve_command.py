"""``manage.py serve`` prints the address and the demo log-ins last."""

import io
import sys

import pytest

from balintkreis.accounts.demo import LOGINS, PASSWORD
from balintkreis.accounts.tests.factories import UserFactory
from balintkreis.core import supervisor
from balintkreis.site.management.commands import serve


def test_supervisor_announces_once_when_ready():
    calls = []
    checks = iter([False, False, True, True])
    child = supervisor.Component(
        "sleeper", [sys.executable, "-c", "import time; time.sleep(30)"]
    )

    def on_ready():
        calls.append("ready")
        runner.stopping = True

    runner = supervisor.Supervisor(
        [child], ready=lambda: next(checks), on_ready=on_ready
    )
    runner.run(poll=0.01)
    assert calls == ["ready"]
    assert child.process.poll() is not None  # stopped with the supervisor


def test_ready_waits_for_an_answer_from_the_web_server():
    assert serve._Ready("127.0.0.1", "9")() is False


# Transactional: the command closes old connections as a long-running process
# should, which would close the connection under a test's wrapping transaction.
@pytest.mark.django_db(transaction=True)
def test_demo_logins_are_printed_only_when_the_demo_is_loaded():
    command = serve.Command(stdout=io.StringIO())
    command._print_demo_logins()
    assert command.stdout._out.getvalue() == ""
    UserFactory(email=LOGINS[0][1])
    command._print_demo_logins()
    printed = command.stdout._out.getvalue()
    assert PASSWORD in printed
    assert all(email in printed for _role, email in LOGINS)
