import datetime

import pytest
from django.utils import timezone

from balintkreis.meetings.models import Meeting


@pytest.fixture
def past_meeting(group):
    return Meeting.objects.create(
        group=group,
        starts_at=timezone.now() - datetime.timedelta(days=1),
        format=Meeting.Format.ONLINE,
    )
