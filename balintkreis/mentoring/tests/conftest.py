import pytest
from django.test import Client

from balintkreis.accounts.tests.factories import LeaderFactory
from balintkreis.mentoring.tests.factories import (
    MentorProfileFactory,
    MentorshipFactory,
    ensure_topics,
)


@pytest.fixture(autouse=True)
def _topics(db):
    # The topics come from a data migration; transactional tests flush them.
    ensure_topics()


@pytest.fixture
def mentor_profile(mentor):
    return MentorProfileFactory(user=mentor)


@pytest.fixture
def mentee(db):
    return LeaderFactory(first_name="Mia", last_name="Mentee")


@pytest.fixture
def mentee_client(mentee):
    client = Client()
    client.force_login(mentee)
    return client


@pytest.fixture
def mentorship(mentor_profile, mentee):
    return MentorshipFactory(
        request__mentor=mentor_profile.user, request__mentee=mentee
    )
