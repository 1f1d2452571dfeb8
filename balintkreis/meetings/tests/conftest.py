import pytest

from balintkreis.meetings.tests.factories import MeetingFactory


@pytest.fixture
def meeting(group):
    return MeetingFactory(group=group)
