"""Rate limits with German messages (issue 7): log-in, application, heartbeat.

The contact form's limit is tested in groups/tests/test_contact.py. All limits
count in Django's cache: Redis when REDIS_URL is set (shared by every app
server), the database cache otherwise.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.urls import reverse
from pytest_django.asserts import assertContains

from balintkreis.groups.models import Application
from balintkreis.groups.tests.factories import BalintGroupFactory
from balintkreis.online import passes

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
OK = {"confidentiality": "on"}


def test_log_in_locks_out_with_a_german_message_kept_in_the_cache(client, world):
    url = reverse("account_login")
    wrong = {"login": world.participant_a.email, "password": "falsch-falsch"}
    for _ in range(5):
        response = client.post(url, wrong)
        assertContains(response, "leider falsch", status_code=200)
    response = client.post(url, wrong)
    assertContains(response, "Zu viele gescheiterte Anmeldeversuche")
    right = {"login": world.participant_a.email, "password": "geheim-genug-123"}
    assertContains(client.post(url, right), "Zu viele gescheiterte")
    # The counters live in the cache: cleared, the right password works again.
    cache.clear()
    assert client.post(url, right).status_code == 302


def test_redis_url_puts_the_rate_limits_into_redis(tmp_path):
    code = (
        "from django.conf import settings as s; print(s.CACHES['default']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "balintkreis.settings",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "BALINTKREIS_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert result.stdout.strip() == "balintkreis.core.redis_cache.RedisCache"


def test_applications_are_limited_per_person(world, settings):
    settings.APPLICATION_RATE_LIMIT = "2/h"
    client = world.client("participant_b")
    groups = [BalintGroupFactory() for _ in range(3)]
    for group in groups[:2]:
        response = client.post(reverse("groups:apply", args=[group.slug]), OK)
        assert response.status_code == 302
    response = client.post(reverse("groups:apply", args=[groups[2].slug]), OK)
    assertContains(
        response, "Sie haben in kurzer Zeit mehrere Anmeldungen", status_code=429
    )
    assert not Application.objects.filter(group=groups[2]).exists()
    # Somebody else is not affected.
    other = world.client("applicant")
    assert (
        other.post(reverse("groups:apply", args=[groups[2].slug]), OK).status_code
        == 302
    )


def test_heartbeat_joins_and_leaves_are_limited_per_person(world, settings):
    settings.HEARTBEAT_RATE_LIMIT = "3/m"
    meeting = world.online_meeting_a
    grant = passes.issue(meeting, world.participant_a, is_leader=False)
    url = reverse("online:heartbeat", args=[meeting.pk])

    def beat(kind: str, n: int) -> object:
        return world.client("anonymous").post(
            url,
            json.dumps({"kind": kind, "beat_id": f"b{n}"}),
            content_type="application/json",
            headers={passes.HEADER: grant},
        )

    assert beat("joined", 0).status_code == 200
    # The usual beat is one UPDATE and never counted.
    for n in range(1, 6):
        assert beat("beat", n).status_code == 200
    assert beat("left", 6).status_code == 200
    assert beat("joined", 7).status_code == 200
    response = beat("left", 8)
    assert response.status_code == 429
    assert "Zu viele Verbindungswechsel" in response.json()["error"]
