import pytest

from balintkreis.online.tests.factories import OnlineMeetingFactory


@pytest.fixture
def meeting(group):
    return OnlineMeetingFactory(group=group)
