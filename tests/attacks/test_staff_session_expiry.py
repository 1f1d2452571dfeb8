"""Attack: use a staff session left open on a shared or stolen device.

Reproduced on ``make run``: a leader who ticked "Angemeldet bleiben" on a
practice computer stayed logged in for two weeks; whoever sat down there
later read presenters' feedback and EFN lists.

Defence (issue 11 item 5): sessions of people with staff duties (leaders,
co-leaders, secretariat, superusers) end after ``STAFF_SESSION_IDLE_MINUTES``
without a request (default 30) and ``STAFF_SESSION_MAX_HOURS`` after the
log-in (default 12), "Angemeldet bleiben" or not; the log-in page says why.
Participants keep the usual behaviour.
"""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from balintkreis import settings as project_settings
from balintkreis.accounts.models import User

PASSWORD = "geheim-genug-123"
DASHBOARD = reverse("accounts:dashboard")
START = datetime.datetime(2026, 12, 1, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _real_limits(settings):
    # The root conftest switches the limits off for the rest of the suite.
    settings.STAFF_SESSION_IDLE_MINUTES = project_settings.STAFF_SESSION_IDLE_MINUTES
    settings.STAFF_SESSION_MAX_HOURS = project_settings.STAFF_SESSION_MAX_HOURS


def test_defaults_are_30_minutes_and_12_hours():
    assert project_settings.STAFF_SESSION_IDLE_MINUTES == 30
    assert project_settings.STAFF_SESSION_MAX_HOURS == 12


def remembered_log_in(user: User) -> Client:
    client = Client()
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": PASSWORD, "remember": "on"},
    )
    assert response.status_code == 302
    return client


def at(minutes: float) -> time_machine.travel:
    return time_machine.travel(START + datetime.timedelta(minutes=minutes), tick=False)


@pytest.mark.parametrize("persona", ["leader", "secretariat"])
def test_idle_staff_session_ends_with_a_german_message(request, persona):
    user = request.getfixturevalue(persona)
    with at(0):
        client = remembered_log_in(user)
        assert client.get(DASHBOARD).status_code == 200
    with at(29):
        assert client.get(DASHBOARD).status_code == 200
    with at(29 + 31):
        response = client.get(DASHBOARD)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
        page = client.get(response["Location"])
        assert "aus Sicherheitsgründen abgemeldet" in page.content.decode()
        assert not page.wsgi_request.user.is_authenticated


def test_active_staff_session_ends_after_the_maximum_age(leader):
    with at(0):
        client = remembered_log_in(leader)
    minute = 0
    while minute < 12 * 60 - 20:
        minute += 20
        with at(minute):
            assert client.get(DASHBOARD).status_code == 200, minute
    with at(12 * 60 + 1):
        response = client.get(DASHBOARD)
        assert response["Location"].startswith(reverse("account_login"))


def test_limits_are_settings(settings, leader):
    settings.STAFF_SESSION_IDLE_MINUTES = 5
    with at(0):
        client = remembered_log_in(leader)
    with at(6):
        assert client.get(DASHBOARD).status_code == 302


def test_participant_stays_logged_in_as_before(participant):
    with at(0):
        client = remembered_log_in(participant)
    with at(60 * 13):
        assert client.get(DASHBOARD).status_code == 200
    with at(60 * 24 * 10):
        assert client.get(DASHBOARD).status_code == 200
    assert timezone.now()
