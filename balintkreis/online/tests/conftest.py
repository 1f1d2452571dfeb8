import pytest

from balintkreis.online.tests.factories import OnlineMeetingFactory


@pytest.fixture
def meeting(group):
    return OnlineMeetingFactory(group=group)


@pytest.fixture(autouse=True)
def _heartbeats_unbuffered(settings):
    """The heartbeat tests count the queries of the unbuffered path; the
    buffer (online/beats.py, on with Redis) has its own tests (test_beats.py)."""
    settings.PRESENCE_BUFFER = False
